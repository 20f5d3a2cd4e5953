package dev.firebreak.workflows.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the committed webhook retry histories that {@code CommittedHistoriesReplayTest} replays:
 * a first run that pauses, resumes and continues as new, and the last run of the same job, which
 * retries, sets events aside and reports them. Re-record on purpose only, with {@code ./mvnw -pl
 * workflows test -Dtest=WebhookRetryWorkflowReplayTest -Dfirebreak.recordHistories=true}.
 */
class WebhookRetryWorkflowReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories/webhooks");
  private static final String JOB_ID = "job-webhook-retry";

  static List<Path> committedHistories() throws IOException {
    return CommittedHistories.in(HISTORIES);
  }

  @Test
  @DisabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void historiesAreCommitted() throws IOException {
    assertThat(committedHistories()).hasSize(2);
  }

  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordHistories() throws Exception {
    Files.createDirectories(HISTORIES);
    // Not on TestWorkflowExtension: this recorder runs only on request, and the extension would
    // start
    // a server for every replay test of the class as well.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      ScriptedWebhooks webhooks = new ScriptedWebhooks().events(250);
      webhooks.listing.add(150, "evt_0010");
      webhooks.rejected.add("evt_0042");
      webhooks.failuresLeft.put("evt_0200", 9);
      webhooks.failuresLeft.put("evt_0201", 1);
      webhooks.holdFirstBatch();
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(WebhookRetryWorkflowImpl.class);
      worker.registerActivitiesImplementations(webhooks, new RecordingChat());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      WebhookRetryWorkflow job =
          client.newWorkflowStub(
              WebhookRetryWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(JOB_ID)
                  .setTaskQueue(TaskQueue.NAME)
                  .build());
      WorkflowExecution first =
          WorkflowClient.start(job::run, WebhookRetryWorkflowTest.request(3, 50, 3), null);
      webhooks.firstBatchArrived.await(10, TimeUnit.SECONDS);
      job.pause();
      webhooks.releaseFirstBatch();
      env.sleep(Duration.ofMinutes(10));
      job.resume();
      client.newUntypedWorkflowStub(JOB_ID).getResult(WebhookRetryReport.class);

      Files.writeString(
          HISTORIES.resolve("first-run-paused-continued-as-new.json"),
          client.fetchHistory(JOB_ID, first.getRunId()).toJson(true),
          StandardCharsets.UTF_8);
      Files.writeString(
          HISTORIES.resolve("last-run-retries-dead-letters.json"),
          client.fetchHistory(JOB_ID).toJson(true),
          StandardCharsets.UTF_8);
    }
  }
}
