package dev.firebreak.workflows.job;

import io.temporal.workflow.Workflow;
import java.time.Instant;

/**
 * Signals the job that a run is due. The due time is this tick's first workflow task: the scheduled
 * time plus the server's and the worker's delay (a cron run's start time is when the server created
 * it, a whole period earlier). A job workflow that is gone fails the tick, so a schedule left
 * behind by a removed job shows up as failures.
 */
public class JobTickWorkflowImpl implements JobTickWorkflow {

  @Override
  public void tick(JobTick tick) {
    Instant dueAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    Workflow.newExternalWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(tick.job()))
        .due(JobTrigger.scheduled(dueAt));
  }
}
