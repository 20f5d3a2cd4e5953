package dev.firebreak.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobWorkflowTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final ScriptedJobCalls endpoint = new ScriptedJobCalls();
  private final RecordingChat chat = new RecordingChat();

  /**
   * Closes the server after each test and prints the workflows' histories when one fails. The
   * worker is this class's own, on {@link TaskQueue#NAME} rather than the extension's per-test
   * queue: a failing job declares its incident as a child on that queue.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env) {
    this.env = env;
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(
        JobWorkflowImpl.class,
        JobTickWorkflowImpl.class,
        IncidentWorkflowImpl.class,
        WebhookRetryWorkflow.Redelivering.class);
    worker.registerActivitiesImplementations(
        new RecordingNotices(), endpoint, chat, new RecordingPager(), new ScriptedDiagnostics());
    env.start();
    client = env.getWorkflowClient();
  }

  private JobWorkflow start(JobSpec spec) {
    return JobSpecs.start(client, spec);
  }

  private void fire(JobWorkflow job) {
    job.due(JobTrigger.scheduled(Instant.ofEpochMilli(env.currentTimeMillis())));
    env.sleep(Duration.ofMinutes(5));
  }

  @Test
  void aSuccessfulRunIsTheLastSuccessAndCallsTheCronEndpointOnce() {
    JobWorkflow job = start(JobSpecs.paymentVerification(3, 2, 3));

    fire(job);

    JobView view = job.view();
    assertThat(view.lastSuccess()).isNotNull();
    assertThat(view.lastSuccess().detail())
        .isEqualTo("POST https://app.recoup.example/api/cron/payment-verification answered 200");
    assertThat(view.history()).extracting(JobRun::outcome).containsExactly(JobOutcome.SUCCEEDED);
    assertThat(endpoint.calls).hasSize(1);
    assertThat(endpoint.calls.get(0).action().headers())
        .containsEntry("Authorization", "Bearer ${CRON_SECRET}");
  }

  @Test
  void aRunRetriesWithBackoffAndSucceedsWhenTheEndpointRecovers() {
    endpoint.failuresLeft.set(2);
    JobWorkflow job = start(JobSpecs.paymentVerification(5, 1, 3));

    fire(job);

    assertThat(endpoint.calls).hasSize(3);
    JobView view = job.view();
    assertThat(view.lastRun().outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    assertThat(view.consecutiveFailures()).isZero();
    assertThat(Duration.between(view.lastRun().startedAt(), view.lastRun().finishedAt()))
        .as("10 s then 20 s of backoff")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(chat.posts).isEmpty();
  }

  @Test
  void consecutiveFailuresWarnInTheChannelThenDeclareAnIncident() {
    endpoint.alwaysFail = true;
    JobWorkflow job = start(JobSpecs.paymentVerification(2, 2, 3));

    fire(job);
    assertThat(chat.posts).isEmpty();
    fire(job);
    assertThat(chat.texts())
        .singleElement()
        .asString()
        .contains(
            "payment-verification",
            "failed 2 times in a row",
            "answered 503",
            "has not succeeded yet");
    assertThat(chat.posts.get(0).channel()).isEqualTo("#incidents");
    fire(job);

    JobView view = job.view();
    assertThat(view.consecutiveFailures()).isEqualTo(3);
    assertThat(view.incidentId()).matches("INC-\\d{8}-payment-verification-3");
    IncidentWorkflow incident =
        client.newWorkflowStub(
            IncidentWorkflow.class, IncidentWorkflow.workflowId(view.incidentId()));
    assertThat(incident.state().severity()).isEqualTo(Severity.P2);
    assertThat(incident.state().status()).isEqualTo(IncidentStatus.DECLARED);
    assertThat(incident.state().title())
        .isEqualTo("Scheduled job payment-verification failed 3 times in a row");

    fire(job);
    assertThat(job.view().incidentId())
        .as("one incident per failure streak")
        .isEqualTo(view.incidentId());
    assertThat(chat.texts())
        .filteredOn(t -> t.contains("failed") && t.contains("in a row"))
        .hasSize(1);

    endpoint.alwaysFail = false;
    fire(job);
    assertThat(job.view().consecutiveFailures()).isZero();
    assertThat(job.view().incidentId()).isNull();
    assertThat(chat.texts()).anyMatch(t -> t.contains("succeeded again after 4 failed runs"));
  }

  @Test
  void aPausedJobSkipsScheduledRunsButRunsWhenAskedAndResumes() {
    JobWorkflow job = start(JobSpecs.paymentVerification(3, 2, 3));

    JobView paused = job.pause(new JobCommand("alice", "migrating the database"));
    assertThat(paused.paused()).isTrue();
    assertThatThrownBy(() -> job.pause(new JobCommand("bob", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("already paused (by alice)");
    fire(job);
    assertThat(endpoint.calls).isEmpty();
    assertThat(job.view().lastRun().outcome()).isEqualTo(JobOutcome.SKIPPED);
    assertThat(job.view().lastRun().detail()).isEqualTo("Skipped: paused by alice");

    job.runNow(new JobCommand("bob", null));
    env.sleep(Duration.ofMinutes(1));
    assertThat(endpoint.calls).hasSize(1);
    assertThat(job.view().lastRun().trigger())
        .extracting(JobTrigger::kind, JobTrigger::by)
        .containsExactly("manual", "bob");

    job.resume(new JobCommand("alice", null));
    fire(job);
    assertThat(endpoint.calls).hasSize(2);
    assertThat(job.view().paused()).isFalse();
    assertThat(job.view().runs()).isEqualTo(3);
  }

  @Test
  void runNowOnAnIdleJobAnswersWithTheRunItStarted() {
    JobWorkflow job = start(JobSpecs.paymentVerification(3, 2, 3));
    fire(job);

    JobView answer = job.runNow(new JobCommand("bob", null));

    assertThat(answer.running()).isTrue();
    assertThat(answer.current()).isNotNull();
    assertThat(answer.current().number()).isEqualTo(2);
    assertThat(answer.current().trigger())
        .extracting(JobTrigger::kind, JobTrigger::by)
        .containsExactly("manual", "bob");
    env.sleep(Duration.ofMinutes(1));
    assertThat(job.view().lastRun().number()).isEqualTo(2);
    assertThat(job.view().current()).isNull();
  }

  @Test
  void commandsWithoutAPersonAreRefused() {
    JobWorkflow job = start(JobSpecs.paymentVerification(3, 2, 3));

    assertThatThrownBy(() -> job.runNow(new JobCommand(" ", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("'by' is required");
    assertThatThrownBy(() -> job.resume(new JobCommand("alice", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("is not paused");
  }

  @Test
  void aTickWorkflowTellsTheJobItIsDue() {
    JobWorkflow job = start(JobSpecs.paymentVerification(3, 2, 3));

    JobTickWorkflow tick =
        client.newWorkflowStub(
            JobTickWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(JobTickWorkflow.workflowId("payment-verification"))
                .setTaskQueue(TaskQueue.NAME)
                .build());
    tick.tick(JobTick.of(JobSpecs.paymentVerification(3, 2, 3)));
    env.sleep(Duration.ofMinutes(1));

    assertThat(job.view().lastRun().trigger().kind()).isEqualTo("scheduled");
    assertThat(endpoint.calls).hasSize(1);
  }

  @Test
  void aWebhookRetryJobRunsTheBuiltInWorkflowAsAChildByTypeName() {
    JobWorkflow job = start(JobSpecs.webhookRetry());

    fire(job);

    JobRun run = job.view().lastRun();
    assertThat(run.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    assertThat(run.detail())
        .startsWith("WebhookRetryWorkflow finished:")
        .contains("delivered=3", "provider=stripe")
        .contains("since=none");
    assertThat(endpoint.calls).isEmpty();

    // The next run lists only what failed since the good one started: re-sending does not clear
    // the provider's "delivery failed" flag, so an unbounded listing would send it all again.
    fire(job);

    assertThat(job.view().lastRun().detail()).contains("since=" + run.startedAt());
  }

  @ParameterizedTest(name = "provider {0}: dry-run {1}")
  @CsvSource({"stripe, false", "unconfigured, true"})
  void aWebhookRetryRunSaysDryRunExactlyWhenTheBuiltInWorkflowWasOne(
      String provider, boolean dryRun) {
    JobSpec stripe = JobSpecs.webhookRetry();
    JobWorkflow job =
        start(
            new JobSpec(
                stripe.name(),
                stripe.cron(),
                stripe.timeZone(),
                JobAction.webhookRetry(Map.of("provider", provider)),
                stripe.timeout(),
                stripe.retry(),
                stripe.alerts(),
                false,
                List.of()));

    fire(job);

    JobRun run = job.view().lastRun();
    assertThat(run.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    assertThat(run.dryRun()).isEqualTo(dryRun);
    assertThat(
            run.detail().startsWith("WebhookRetryWorkflow finished (dry-run: nothing was sent):"))
        .isEqualTo(dryRun);
  }

  @Test
  void aChangedConfigurationAppliesFromTheNextRunAndKeepsTheHistory() {
    JobWorkflow job = start(JobSpecs.paymentVerification(3, 2, 3));
    fire(job);

    JobSpec moved = JobSpecs.paymentVerification(3, 2, 3);
    job.configure(
        new JobSpec(
            moved.name(),
            "0 4 * * *",
            "Europe/London",
            moved.action(),
            moved.timeout(),
            moved.retry(),
            moved.alerts(),
            true,
            List.of()));
    fire(job);

    JobView view = job.view();
    assertThat(view.cron()).isEqualTo("0 4 * * *");
    assertThat(view.history()).hasSize(2);
    assertThat(endpoint.calls.get(1).dryRun()).isTrue();
  }

  @Test
  void aScheduledRunFillsTheCallWithEachParametersDefault() {
    JobWorkflow job = start(JobSpecs.collectionsSync());

    fire(job);

    assertThat(endpoint.calls).singleElement();
    assertThat(endpoint.calls.get(0).action().url())
        .isEqualTo(
            "https://app.recoup.example/api/cron/collections?since=24h&batch=100&note=nightly");
    assertThat(endpoint.calls.get(0).action().body())
        .isEqualTo("{\"since\":\"24h\",\"note\":\"nightly\"}");
    assertThat(job.view().lastRun().trigger().parameters()).isEmpty();
  }

  @Test
  void aRunNowSendsItsParametersEscapedForWhereEachLandsAndTheRunRecordsThem() {
    JobWorkflow job = start(JobSpecs.collectionsSync());
    // A value that would add a query parameter, close the JSON string, and expand a reference.
    String note = "a\"b&batch=1 $HOME";

    job.runNow(new JobCommand("alice", "backfill", Map.of("since", "7d", "note", note)));
    env.sleep(Duration.ofMinutes(1));

    assertThat(endpoint.calls).singleElement();
    assertThat(endpoint.calls.get(0).action().url())
        .isEqualTo(
            "https://app.recoup.example/api/cron/collections?since=7d&batch=100"
                + "&note=a%22b%26batch%3D1%20%24HOME");
    assertThat(endpoint.calls.get(0).action().body())
        .isEqualTo("{\"since\":\"7d\",\"note\":\"a\\\"b&batch=1 $HOME\"}");
    assertThat(endpoint.calls.get(0).action().headers())
        .containsEntry("X-Note", note)
        .containsEntry("Authorization", "Bearer ${CRON_SECRET}");
    JobRun run = job.view().lastRun();
    assertThat(run.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    assertThat(run.trigger().by()).isEqualTo("alice");
    assertThat(run.trigger().parameters())
        .containsOnly(Map.entry("since", "7d"), Map.entry("note", note));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "unknown,1,Unknown parameter \"unknown\"",
    "batch,0,must be at least 1",
    "batch,many,must be a whole number",
    "since,yesterday,must match",
    "note,${CRON_SECRET},may not contain \"${\"",
    "note,line<LF>break,may not contain control characters",
  })
  void aRunNowWithABadParameterIsRefusedAndNothingRuns(String name, String value, String why) {
    JobWorkflow job = start(JobSpecs.collectionsSync());
    String given = value.replace("<LF>", "\n");

    assertThatThrownBy(() -> job.runNow(new JobCommand("alice", null, Map.of(name, given))))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("collections-sync cannot run with these parameters")
        .hasMessageContaining(why);
    env.sleep(Duration.ofMinutes(1));
    assertThat(endpoint.calls).isEmpty();
    assertThat(job.view().history()).isEmpty();
  }

  @Test
  void aRunNowWithAValueLongerThanTheBoundIsRefused() {
    JobWorkflow job = start(JobSpecs.collectionsSync());

    assertThatThrownBy(
            () -> job.runNow(new JobCommand("alice", null, Map.of("note", "x".repeat(501)))))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("longer than 500 characters");
    assertThat(endpoint.calls).isEmpty();
  }
}
