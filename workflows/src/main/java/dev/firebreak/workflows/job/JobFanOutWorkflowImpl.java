package dev.firebreak.workflows.job;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Tells every job of the group that a run is due, in one activity, and fails (without retry) naming
 * the jobs whose workflow is gone once all the others have been told, so a job left behind by a
 * removed one shows up as a failed firing without holding back the rest. A paused job is told like
 * the others: its own workflow records the run as skipped, so its history says so. The due time is
 * this workflow's first task, as a tick's was.
 *
 * <p>Why an activity rather than a signal from this workflow to each job: each of those is recorded
 * in this workflow's history too, one after the other under its lock, and measured on the dev
 * server they delivered about four a second; the activity's signals go to the server side by side
 * and touch only the job they are for.
 */
public class JobFanOutWorkflowImpl implements JobFanOutWorkflow {

  static final String JOBS_GONE = "JobsGone";

  /**
   * An attempt of hundreds of signals takes seconds; a retried one sends again only what the server
   * has not recorded (the signals are idempotent by request id). Past ten minutes the firing is
   * given up rather than run into the next one.
   */
  private static final ActivityOptions TELL =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  private final JobGroupActivities jobs = Workflow.newActivityStub(JobGroupActivities.class, TELL);

  @Override
  public void fire(JobGroup group) {
    JobTrigger trigger = JobTrigger.scheduled(Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    List<String> gone =
        jobs.tellDue(new JobDue(Workflow.getInfo().getRunId(), group.jobs(), trigger));
    if (!gone.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "No running workflow for job(s) " + String.join(", ", gone) + "; the others were told.",
          JOBS_GONE);
    }
  }
}
