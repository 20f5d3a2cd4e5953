package dev.firebreak.workflows.job;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * What a per-job Temporal Schedule or cron workflow started when a job was due, before jobs were
 * fired in groups by {@link JobFanOutWorkflow}: it tells the job's {@link JobWorkflow} and ends.
 * Still registered, so a tick started before an upgrade's first reconcile (which deletes per-job
 * Schedules and ticks) completes. Workflow id {@code job-<name>-tick} (a Schedule appends the
 * time).
 */
@WorkflowInterface
public interface JobTickWorkflow {

  String SUFFIX = "-tick";

  static String workflowId(String job) {
    return JobWorkflow.workflowId(job) + SUFFIX;
  }

  @WorkflowMethod
  void tick(JobTick tick);
}
