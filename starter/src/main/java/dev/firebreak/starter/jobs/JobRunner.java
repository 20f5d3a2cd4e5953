package dev.firebreak.starter.jobs;

import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.job.JobCommand;
import dev.firebreak.workflows.job.JobOutcome;
import dev.firebreak.workflows.job.JobRun;
import dev.firebreak.workflows.job.JobView;
import dev.firebreak.workflows.job.JobWorkflow;
import dev.firebreak.workflows.playbook.JobRunActivities;
import dev.firebreak.workflows.playbook.JobRunOrder;
import io.temporal.activity.Activity;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The activities a {@code job} action runs a job with: the job workflow's own "run now" (so the run
 * is in the job's history like any other), then a poll of the job's view until that run is there.
 *
 * <p>The update's id is the order's {@code requestId}, one per action run: a retried attempt whose
 * answer was lost is answered by the server with the first attempt's result instead of queueing a
 * second run. The run is found again by its author, which names the action run.
 */
public final class JobRunner implements JobRunActivities {

  /** How often the job is asked whether the run has finished: a query, cheap and local. */
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  static final String RUN_NOW = "runNow";
  static final String NOT_SCHEDULED = "JobNotScheduled";
  static final String REFUSED = "JobRunRefused";
  static final String JOB_FAILED = "JobRunFailed";

  private final WorkflowClient client;
  private final Duration pollInterval;

  public JobRunner(WorkflowClient client, Duration pollInterval) {
    this.client = client;
    this.pollInterval = pollInterval;
  }

  @Override
  public String runNow(JobRunOrder order) {
    JobView view;
    try {
      view =
          client
              .newUntypedWorkflowStub(JobWorkflow.workflowId(order.job()))
              .startUpdate(
                  UpdateOptions.newBuilder(JobView.class)
                      .setUpdateName(RUN_NOW)
                      .setUpdateId(order.requestId())
                      .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                      .build(),
                  new JobCommand(order.by(), order.reason(), order.parameters()))
              .getResult();
    } catch (WorkflowNotFoundException notScheduled) {
      throw notScheduled(order);
    } catch (WorkflowUpdateException refused) {
      throw ApplicationFailure.newNonRetryableFailure(
          "job " + order.job() + " refused to run now: " + RootCause.message(refused), REFUSED);
    }
    JobRun current = view.current();
    if (current != null && order.by().equals(current.trigger().by())) {
      return "Asked job " + order.job() + " to run now: run #" + current.number() + " started";
    }
    return "Asked job "
        + order.job()
        + " to run now: queued behind "
        + (current == null ? "the run in progress" : "run #" + current.number());
  }

  @Override
  public JobRun awaitRun(JobRunOrder order) {
    JobWorkflow job =
        client.newWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(order.job()));
    while (true) {
      Optional<JobRun> finished;
      try {
        finished = finishedRun(job.view(), order);
      } catch (WorkflowNotFoundException gone) {
        throw notScheduled(order);
      }
      if (finished.isPresent()) {
        JobRun run = finished.get();
        if (run.outcome() != JobOutcome.SUCCEEDED) {
          throw ApplicationFailure.newNonRetryableFailure(
              "job " + order.job() + " run #" + run.number() + " failed: " + run.detail(),
              JOB_FAILED);
        }
        return run;
      }
      Activity.getExecutionContext().heartbeat(null);
      sleep();
    }
  }

  /** The run this order asked for, once it has an outcome. */
  private static Optional<JobRun> finishedRun(JobView view, JobRunOrder order) {
    return Stream.ofNullable(view.history())
        .flatMap(java.util.List::stream)
        .filter(run -> run.outcome() != null && order.by().equals(run.trigger().by()))
        .findFirst();
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while waiting for the job", "Interrupted");
    }
  }

  private static ApplicationFailure notScheduled(JobRunOrder order) {
    return ApplicationFailure.newNonRetryableFailure(
        "job "
            + order.job()
            + " is not scheduled: no worker has started it with this configuration",
        NOT_SCHEDULED);
  }
}
