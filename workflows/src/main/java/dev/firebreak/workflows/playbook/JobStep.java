package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.job.JobRun;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The {@code job} action kind: asks the configured job to run now, through the job workflow's own
 * "run now" so the run shows in the job's history, then waits for its result. The job keeps its own
 * retry policy and timeout; this step only reports what the job's run did.
 */
final class JobStep {

  /** How long the run waits for the job; a job's own timeout and retries fit well inside. */
  static final Duration JOB_TIMEOUT = Duration.ofHours(2);

  static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

  private JobStep() {}

  /** True when this history runs the kind (false for one recorded while it was refused). */
  static boolean supported() {
    return Workflow.getVersion(ActionRunVersions.RUN_JOB, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * Runs the job and tells {@code said} what was asked and what the run did.
   *
   * @param workflowId the action run's id, which makes the request's id and its author unique
   */
  static void run(
      ActionStep.RunJob job, ActionOrder order, String workflowId, Consumer<Delivery> said) {
    JobRunOrder request =
        new JobRunOrder(
            job.job(),
            workflowId + "/run-job",
            order.requestedBy() + " (action run " + workflowId + ")",
            order.reason(),
            job.parameters());
    String asked =
        Workflow.newActivityStub(
                JobRunActivities.class,
                ActivityOptions.newBuilder(ActivityPolicies.CHANGE)
                    .setSummary("Run job " + job.job() + " now")
                    .build())
            .runNow(request);
    said.accept(new Delivery(false, asked));
    JobRun run =
        Workflow.newActivityStub(
                JobRunActivities.class,
                ActivityPolicies.untilLive(
                    JOB_TIMEOUT, POLL_INTERVAL, "Wait for job " + job.job() + " to finish"))
            .awaitRun(request);
    said.accept(
        new Delivery(
            run.dryRun(),
            "Job " + job.job() + " run #" + run.number() + " succeeded: " + run.detail()));
  }
}
