package dev.firebreak.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the committed job, tick and fan-out histories that {@code CommittedHistoriesReplayTest}
 * replays. Re-record on purpose only, with {@code ./mvnw -pl workflows test
 * -Dtest=JobWorkflowReplayTest -Dfirebreak.recordHistories=true}.
 */
class JobWorkflowReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories/job");
  private static final String TICK_PREFIX = "tick-";

  static List<Path> committedHistories() throws IOException {
    return CommittedHistories.in(HISTORIES);
  }

  @Test
  @DisabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void historiesAreCommitted() throws IOException {
    assertThat(committedHistories()).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordHistories() throws IOException {
    // Not on TestWorkflowExtension: this recorder runs only on request, and the extension would
    // start
    // a server for every replay test of the class as well.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      ScriptedJobCalls endpoint = new ScriptedJobCalls();
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(
          JobWorkflowImpl.class,
          JobTickWorkflowImpl.class,
          JobFanOutWorkflowImpl.class,
          IncidentWorkflowImpl.class,
          WebhookRetryWorkflow.Redelivering.class);
      worker.registerActivitiesImplementations(
          endpoint,
          new RecordingChat(),
          new RecordingPager(),
          new ScriptedDiagnostics(),
          new SignallingJobGroups(env.getWorkflowClient()));
      env.start();
      WorkflowClient client = env.getWorkflowClient();

      JobSpec spec = JobSpecs.paymentVerification(3, 2, 3);
      JobWorkflow job = start(client, spec);
      endpoint.failuresLeft.set(1);
      tick(client, env, spec);
      endpoint.alwaysFail = true;
      for (int run = 0; run < 3; run++) {
        job.due(JobTrigger.scheduled(Instant.ofEpochMilli(env.currentTimeMillis())));
        env.sleep(Duration.ofMinutes(5));
      }
      endpoint.alwaysFail = false;
      job.pause(new JobCommand("alice", "migration"));
      job.due(JobTrigger.scheduled(Instant.ofEpochMilli(env.currentTimeMillis())));
      job.runNow(new JobCommand("bob", null));
      env.sleep(Duration.ofMinutes(1));
      job.resume(new JobCommand("alice", null));
      job.configure(
          new JobSpec(
              spec.name(),
              "0 4 * * *",
              spec.timeZone(),
              spec.action(),
              spec.timeout(),
              spec.retry(),
              spec.alerts(),
              true,
              List.of()));
      job.retire();
      WorkflowStub.fromTyped(job).getResult(JobView.class);

      JobWorkflow webhooks = start(client, JobSpecs.webhookRetry());
      webhooks.due(JobTrigger.scheduled(Instant.ofEpochMilli(env.currentTimeMillis())));
      env.sleep(Duration.ofMinutes(1));
      webhooks.retire();
      WorkflowStub.fromTyped(webhooks).getResult(JobView.class);

      // Since RUN_NOW_ANSWERS_THE_RUN, run-now on an idle job answers once its run has started.
      JobSpec idle =
          new JobSpec(
              "run-now-idle",
              spec.cron(),
              spec.timeZone(),
              spec.action(),
              spec.timeout(),
              spec.retry(),
              spec.alerts(),
              spec.dryRun(),
              List.of());
      JobWorkflow answered = start(client, idle);
      answered.runNow(new JobCommand("bob", null));
      env.sleep(Duration.ofMinutes(1));
      answered.retire();
      WorkflowStub.fromTyped(answered).getResult(JobView.class);

      // A built-in run after a good one: since BUILT_IN_SINCE it lists only what failed since that
      // run started.
      JobSpec webhookSpec = JobSpecs.webhookRetry();
      JobSpec twice =
          new JobSpec(
              "webhook-retry-twice",
              webhookSpec.cron(),
              webhookSpec.timeZone(),
              webhookSpec.action(),
              webhookSpec.timeout(),
              webhookSpec.retry(),
              webhookSpec.alerts(),
              webhookSpec.dryRun(),
              List.of());
      JobWorkflow twiceJob = start(client, twice);
      for (int run = 0; run < 2; run++) {
        twiceJob.due(JobTrigger.scheduled(Instant.ofEpochMilli(env.currentTimeMillis())));
        env.sleep(Duration.ofMinutes(1));
      }
      twiceJob.retire();
      WorkflowStub.fromTyped(twiceJob).getResult(JobView.class);
      save(client, JobWorkflow.workflowId(twice.name()), "built-in-run-after-a-good-one-since");

      // A group's firing: a running job, a paused one and one whose workflow is gone.
      JobWorkflow billing =
          start(client, JobSpecs.renamed(spec, "fan-out-billing", spec.cron(), spec.timeZone()));
      JobWorkflow reports =
          start(client, JobSpecs.renamed(spec, "fan-out-reports", spec.cron(), spec.timeZone()));
      reports.pause(new JobCommand("alice", "migration"));
      String fanOut = "jobs-fan-out";
      try {
        client
            .newWorkflowStub(
                JobFanOutWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(fanOut)
                    .setTaskQueue(TaskQueue.NAME)
                    .build())
            .fire(
                new JobGroup(
                    spec.cron(),
                    spec.timeZone(),
                    List.of("fan-out-billing", "fan-out-gone", "fan-out-reports")));
      } catch (WorkflowFailedException expected) {
        // The gone job fails the firing once the others have been told.
      }
      env.sleep(Duration.ofMinutes(1));
      billing.retire();
      reports.retire();
      save(client, fanOut, "fan-out-tells-each-job-and-names-the-gone");

      // Parameters: a scheduled run with the defaults, a run now with its own, one refused.
      JobSpec sync = JobSpecs.collectionsSync();
      JobWorkflow syncJob = start(client, sync);
      syncJob.due(JobTrigger.scheduled(Instant.ofEpochMilli(env.currentTimeMillis())));
      env.sleep(Duration.ofMinutes(1));
      syncJob.runNow(new JobCommand("alice", "backfill", Map.of("since", "7d")));
      env.sleep(Duration.ofMinutes(1));
      try {
        syncJob.runNow(new JobCommand("alice", null, Map.of("batch", "0")));
      } catch (WorkflowUpdateException expected) {
        // The validator refuses it; nothing is recorded but the refusal.
      }
      syncJob.retire();
      WorkflowStub.fromTyped(syncJob).getResult(JobView.class);
      save(client, JobWorkflow.workflowId(sync.name()), "run-now-with-parameters");

      save(client, JobWorkflow.workflowId(spec.name()), "retries-failures-incident-pause-run-now");
      save(client, JobWorkflow.workflowId(idle.name()), "run-now-answers-the-run");
      save(client, JobWorkflow.workflowId("webhook-retry"), "webhook-retry-child");
      save(client, JobTickWorkflow.workflowId(spec.name()), TICK_PREFIX + "signals-the-job");
    }
  }

  private static JobWorkflow start(WorkflowClient client, JobSpec spec) {
    return JobSpecs.start(client, spec);
  }

  private static void tick(WorkflowClient client, TestWorkflowEnvironment env, JobSpec spec) {
    client
        .newWorkflowStub(
            JobTickWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(JobTickWorkflow.workflowId(spec.name()))
                .setTaskQueue(TaskQueue.NAME)
                .build())
        .tick(JobTick.of(spec));
    env.sleep(Duration.ofMinutes(5));
  }

  private static void save(WorkflowClient client, String workflowId, String name)
      throws IOException {
    CommittedHistories.save(client, workflowId, HISTORIES, name);
  }
}
