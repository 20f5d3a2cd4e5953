package dev.firebreak.workflows.job;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * What a Temporal Schedule or a cron workflow starts when a job is due: it tells the job's {@link
 * JobWorkflow} and ends. Workflow id {@code job-<name>-tick} (a Schedule appends the time).
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
