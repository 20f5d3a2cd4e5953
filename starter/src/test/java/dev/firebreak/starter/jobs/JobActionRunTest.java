package dev.firebreak.starter.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.job.JobOutcome;
import dev.firebreak.workflows.job.JobRetry;
import dev.firebreak.workflows.job.JobRun;
import dev.firebreak.workflows.job.JobSpec;
import dev.firebreak.workflows.job.JobSpecs;
import dev.firebreak.workflows.job.JobTrigger;
import dev.firebreak.workflows.job.JobWorkflow;
import dev.firebreak.workflows.job.JobWorkflowImpl;
import dev.firebreak.workflows.job.ScriptedJobCalls;
import dev.firebreak.workflows.playbook.ActionOrders;
import dev.firebreak.workflows.playbook.ActionRunStatus;
import dev.firebreak.workflows.playbook.ActionRunStep;
import dev.firebreak.workflows.playbook.ActionRunView;
import dev.firebreak.workflows.playbook.ActionRunWorkflow;
import dev.firebreak.workflows.playbook.ActionRunWorkflowImpl;
import dev.firebreak.workflows.playbook.ActionStep;
import dev.firebreak.workflows.playbook.JobRunActivities;
import dev.firebreak.workflows.playbook.JobRunOrder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A playbook's {@code job} action on the real job workflow, through the activities the worker
 * registers: the job runs once through its own "run now", and the action run records its result.
 */
class JobActionRunTest {

  private static final String JOB = "payment-verification";

  private final ScriptedJobCalls endpoint = new ScriptedJobCalls();
  private final AtomicBoolean loseFirstAnswer = new AtomicBoolean();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  /**
   * Real time, not skipped: between one action run's end and the next one's first task the skipping
   * server once jumped ten years ahead, past the idle job's timers, and the second run found no job
   * to run. The retries and polls here are milliseconds.
   */
  @BeforeEach
  void startEnvironment() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setInitialTime(ActionOrders.START)
                .setUseTimeskipping(false)
                .build());
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(ActionRunWorkflowImpl.class, JobWorkflowImpl.class);
    client = env.getWorkflowClient();
    JobRunner runner = new JobRunner(client, Duration.ofMillis(20));
    worker.registerActivitiesImplementations(
        endpoint, new RecordingChat(), new RecordingPager(), new AnswerLostOnce(runner));
    env.start();
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  @Test
  void aJobActionRunsTheJobOnceThroughItsRunNowAndRecordsTheRunAsItsStep() {
    JobWorkflow job = JobSpecs.start(client, spec(3));

    ActionRunView view = result(start("k1"));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(endpoint.calls).hasSize(1);
    assertThat(job.view().history())
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.trigger().kind()).isEqualTo(JobTrigger.MANUAL);
              assertThat(run.trigger().by()).isEqualTo("alice (action run action-INC-1-k1)");
              assertThat(run.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
            });
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .containsSubsequence(
            "Asked job payment-verification to run now: run #1 started",
            "Job payment-verification run #1 succeeded: POST"
                + " https://app.recoup.example/api/cron/payment-verification answered 200");
  }

  @Test
  void aJobWhoseEndpointFailsOnceIsRetriedByTheJobsOwnPolicyAndTheActionSucceeds() {
    JobSpecs.start(client, spec(3));
    endpoint.failuresLeft.set(1);

    ActionRunView view = result(start("k1"));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(endpoint.calls).hasSize(2);
  }

  @Test
  void aJobRunThatFailsFailsTheActionWithTheJobsOwnWords() {
    JobSpecs.start(client, spec(2));
    endpoint.alwaysFail = true;

    ActionRunView view = result(start("k1"));

    assertThat(view.status()).isEqualTo(ActionRunStatus.FAILED);
    assertThat(view.outcome())
        .contains("job payment-verification run #1 failed")
        .contains("answered 503: cron endpoint unavailable");
    assertThat(endpoint.calls).hasSize(2);
  }

  @Test
  void aRetriedRunNowWhoseFirstAnswerWasLostDoesNotRunTheJobTwice() {
    JobWorkflow job = JobSpecs.start(client, spec(3));
    loseFirstAnswer.set(true);

    ActionRunView view = result(start("k1"));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(loseFirstAnswer).isFalse();
    assertThat(endpoint.calls).hasSize(1);
    assertThat(job.view().runs()).isEqualTo(1);
  }

  @Test
  void twoActionRunsOfTheSameJobEachRunItOnce() {
    JobWorkflow job = JobSpecs.start(client, spec(3));

    ActionRunView first = result(start("k1"));
    ActionRunView second = result(start("k2"));

    assertThat(first.status()).as(first.outcome()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(second.status()).as(second.outcome()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(endpoint.calls).hasSize(2);
    assertThat(job.view().history())
        .extracting(run -> run.trigger().by())
        .containsExactly(
            "alice (action run action-INC-1-k2)", "alice (action run action-INC-1-k1)");
  }

  @Test
  void aJobThatIsNotScheduledFailsTheActionSayingSoAndRunsNothing() {
    ActionRunView view = result(start("k1"));

    assertThat(view.status()).isEqualTo(ActionRunStatus.FAILED);
    assertThat(view.outcome()).contains("job payment-verification is not scheduled");
    assertThat(endpoint.calls).isEmpty();
  }

  @Test
  void aJobActionHandsTheJobItsParametersAndTheJobsCallCarriesThem() {
    JobWorkflow job = JobSpecs.start(client, JobSpecs.collectionsSync());

    ActionRunView view = result(start("k1", "collections-sync", Map.of("since", "3d")));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(endpoint.calls)
        .singleElement()
        .satisfies(call -> assertThat(call.action().url()).contains("?since=3d&batch=100&"));
    assertThat(job.view().lastRun().trigger().parameters()).containsEntry("since", "3d");
  }

  @Test
  void parametersTheJobRefusesFailTheActionWithTheJobsReasonAndRunNothing() {
    JobWorkflow job = JobSpecs.start(client, JobSpecs.collectionsSync());

    ActionRunView view = result(start("k1", "collections-sync", Map.of("batch", "9999")));

    assertThat(view.status()).isEqualTo(ActionRunStatus.FAILED);
    assertThat(view.outcome())
        .contains("job collections-sync refused to run now")
        .contains("Parameter \"batch\" must be at most 500.");
    assertThat(endpoint.calls).isEmpty();
    assertThat(job.view().runs()).isZero();
  }

  /** Payment verification with quick retries, so the job's own backoff costs milliseconds. */
  private static JobSpec spec(int attempts) {
    JobSpec base = JobSpecs.paymentVerification(attempts, 5, 10);
    return new JobSpec(
        base.name(),
        base.cron(),
        base.timeZone(),
        base.action(),
        base.timeout(),
        new JobRetry(Duration.ofMillis(50), 1.0, Duration.ofMillis(50), attempts),
        base.alerts(),
        false,
        List.of());
  }

  private ActionRunWorkflow start(String key) {
    return start(key, JOB, Map.of());
  }

  private ActionRunWorkflow start(String key, String jobName, Map<String, String> with) {
    return ActionOrders.start(
        client,
        ActionOrders.order(
            key,
            ActionOrders.action(jobName, new ActionStep.RunJob(jobName, with), null),
            List.of()));
  }

  private static ActionRunView result(ActionRunWorkflow run) {
    return WorkflowStub.fromTyped(run).getResult(ActionRunView.class);
  }

  /** The runner, except that the first "run now" answer is lost after the job was asked. */
  private final class AnswerLostOnce implements JobRunActivities {
    private final JobRunner runner;

    AnswerLostOnce(JobRunner runner) {
      this.runner = runner;
    }

    @Override
    public String runNow(JobRunOrder order) {
      String answer = runner.runNow(order);
      if (loseFirstAnswer.getAndSet(false)) {
        throw ApplicationFailure.newFailure("the answer was lost on the way back", "Lost");
      }
      return answer;
    }

    @Override
    public JobRun awaitRun(JobRunOrder order) {
      return runner.awaitRun(order);
    }
  }
}
