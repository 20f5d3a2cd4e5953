package dev.firebreak.workflows.job;

import io.temporal.api.enums.v1.SignalExternalWorkflowExecutionFailedCause;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Signals every job of the group that a run is due, a batch at a time, and fails (without retry)
 * naming the jobs whose workflow is gone once all the others have been told, so a job left behind
 * by a removed one shows up as a failed firing without holding back the rest. A paused job is
 * signalled like the others: its own workflow records the run as skipped, so its history says so.
 * The due time is this workflow's first task, as a tick's was.
 */
public class JobFanOutWorkflowImpl implements JobFanOutWorkflow {

  /**
   * Signals in flight at once. A signal from a workflow blocks its thread until the server has
   * delivered it, so each one in flight holds a workflow thread for a round trip: a batch of 50
   * sends 500 signals in ten workflow tasks while leaving most of the worker's threads to the job
   * workflows that run next.
   */
  static final int SIGNALS_AT_ONCE = 50;

  static final String JOBS_GONE = "JobsGone";

  private static final String GONE =
      SignalExternalWorkflowExecutionFailedCause
          .SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND
          .name();

  @Override
  public void fire(JobGroup group) {
    JobTrigger trigger = JobTrigger.scheduled(Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    List<String> gone = new ArrayList<>();
    List<String> jobs = group.jobs();
    for (int from = 0; from < jobs.size(); from += SIGNALS_AT_ONCE) {
      List<String> batch = jobs.subList(from, Math.min(jobs.size(), from + SIGNALS_AT_ONCE));
      List<Promise<Boolean>> told = new ArrayList<>();
      for (String job : batch) {
        told.add(Async.function(() -> tell(job, trigger)));
      }
      for (int i = 0; i < batch.size(); i++) {
        if (!told.get(i).get()) {
          gone.add(batch.get(i));
        }
      }
    }
    if (!gone.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "No running workflow for job(s) " + String.join(", ", gone) + "; the others were told.",
          JOBS_GONE);
    }
  }

  private static boolean tell(String job, JobTrigger trigger) {
    try {
      Workflow.newExternalWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(job)).due(trigger);
      return true;
    } catch (ApplicationFailure e) {
      // The SDK reports a signal the server could not deliver as a failure whose type is the cause.
      if (GONE.equals(e.getType())) {
        return false;
      }
      throw e;
    }
  }
}
