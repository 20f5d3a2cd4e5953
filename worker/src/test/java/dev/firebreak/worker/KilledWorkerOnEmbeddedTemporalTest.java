package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.starter.config.ConfigLoader;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that connects to dev mode's embedded server by its port, as the README invites, can be
 * killed: an incident idle on it is not stuck on the dead worker's sticky queue but escalates and
 * takes commands on the next worker. Each worker is a separate JVM started from the test's class
 * path and killed with SIGKILL; the API runs in the test's JVM, also over the port.
 */
class KilledWorkerOnEmbeddedTemporalTest {

  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

  @Test
  void anIncidentIdleOnAKilledWorkerEscalatesAndIsAcknowledgedOnTheWorkerStartedAfterIt(
      @TempDir Path dir) throws Exception {
    Path config = dir.resolve("firebreak.yaml");
    Files.writeString(
        config,
        """
        organisation: Crash test
        severities:
          P1: { ackTimeout: %ds, updateInterval: 1h, postMortemDue: 1h, page: true }
        escalation:
          rounds: 1
          levels:
            - { name: primary, targets: ["slack:U0PRIMARY"] }
            - { name: secondary, targets: ["slack:U0SECONDARY"] }
        services:
          - name: shop
        """
            .formatted(ACK_TIMEOUT.toSeconds()));
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(FreePort.next());
        FirebreakProcess api =
            FirebreakProcess.start(
                new ProcessSettings(
                    new ConfigLoader().load(config),
                    Map.<String, String>of()::get,
                    temporal.target(),
                    null,
                    "default",
                    false,
                    true,
                    "127.0.0.1",
                    0,
                    DevMode.DEFAULT_DEV_TOKEN,
                    false,
                    routes -> {}))) {
      DevApi http = new DevApi("http://127.0.0.1:" + api.apiPort());
      // The workers' logs stay for a reader of a failure.
      Path logs = Files.createDirectories(Path.of("target", "killed-worker"));
      String id;
      Path firstLog = logs.resolve("first-worker.log");
      Process first = startWorker(temporal, config, firstLog);
      try {
        id =
            http.call(
                    "POST",
                    "/api/v1/incidents",
                    "{\"title\":\"Checkout down\",\"severity\":\"P1\",\"service\":\"shop\"}",
                    201)
                .get("id")
                .asText();
        // Paged the first level, then idle: every task done, waiting on the ack timer alone.
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(
                () ->
                    view(http, id).get("escalationLevel").asInt() == 1
                        && idle(api.client(), "incident-" + id));
      } finally {
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Path secondLog = logs.resolve("second-worker.log");
      Process second = startWorker(temporal, config, secondLog);
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> Files.readString(secondLog).contains("Worker polling task queue"));
        // The timer has fired or fires within the ack timeout; then the second worker runs the
        // task.
        await()
            .atMost(ACK_TIMEOUT.plusSeconds(5))
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .until(() -> view(http, id).get("escalationLevel").asInt() == 2);
        assertThat(view(http, id).get("timeline").findValuesAsText("text"))
            .anyMatch(text -> text.startsWith("Paging level 2 (secondary)"));
        // Workflow code logs only what it does for the first time, not what it replays.
        assertThat(Files.readString(secondLog)).contains(id + " Paging level 2 (secondary)");
        assertThat(Files.readString(firstLog))
            .as("killed before its ack timer fired")
            .doesNotContain("Paging level 2");
        // A command too: the second worker, which now has the incident cached, answers it at once.
        JsonNode acked =
            http.call("POST", "/api/v1/incidents/" + id + "/ack", "{\"by\":\"alice\"}", 200);
        assertThat(acked.get("acknowledgedBy").asText()).isEqualTo("alice");
      } finally {
        second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** {@code firebreak worker} in its own JVM, pointed at the embedded server's port. */
  private static Process startWorker(EmbeddedTemporal temporal, Path config, Path log)
      throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            Firebreak.class.getName(),
            "worker",
            "--config",
            config.toString());
    // The machine's own Temporal settings (a cloud address, TLS, an API key) must not leak in.
    builder.environment().keySet().removeIf(name -> name.startsWith("TEMPORAL_"));
    builder.environment().put("TEMPORAL_ADDRESS", temporal.target());
    return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static JsonNode view(DevApi http, String id) throws Exception {
    return http.call("GET", "/api/v1/incidents/" + id, null, 200);
  }

  /** No activity pending and no workflow task scheduled or running. */
  private static boolean idle(WorkflowClient client, String workflowId) {
    List<HistoryEvent> events = client.fetchHistory(workflowId).getEvents();
    EventType last = events.get(events.size() - 1).getEventType();
    int pendingActivities =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build())
            .getPendingActivitiesCount();
    return pendingActivities == 0
        && last != EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
        && last != EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED;
  }
}
