package dev.firebreak.workflows.job;

import io.temporal.workflow.Workflow;
import java.time.Instant;

/**
 * Signals the job that a run is due. The due time is when the server started this run, which for a
 * cron workflow or a Schedule is the scheduled time plus the server's own delay. A job workflow
 * that is gone fails the tick, so a schedule left behind by a removed job shows up as failures.
 */
public class JobTickWorkflowImpl implements JobTickWorkflow {

  @Override
  public void tick(JobTick tick) {
    Instant dueAt = Instant.ofEpochMilli(Workflow.getInfo().getRunStartedTimestampMillis());
    Workflow.newExternalWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(tick.job())).due(JobTrigger.scheduled(dueAt));
  }
}
