package dev.firebreak.workflows.job;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * What a group's Temporal Schedule or cron workflow starts when its jobs are due: it tells each
 * job's {@link JobWorkflow} and ends. One workflow per group and firing instead of one per job: a
 * server starting 500 workflows at the top of a minute on two cores started the last one 42 s late.
 * Workflow id: the group's Schedule or cron workflow id, {@code jobs-<zone>-<cron>-<digest>} (a
 * Schedule appends the time).
 */
@WorkflowInterface
public interface JobFanOutWorkflow {

  @WorkflowMethod
  void fire(JobGroup group);
}
