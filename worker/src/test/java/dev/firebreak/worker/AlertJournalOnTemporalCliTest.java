package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API's alert journal against a real server, with the API as an OS process that is killed
 * ({@code kill -9}) after answering 202 and before its alerts reached Temporal: the restarted API
 * delivers each of them, and each fingerprint has exactly one incident. No worker runs: the verdict
 * is the server's own record (the executions under each incident's id and the alert signals in
 * their histories), which is where a lost or doubled delivery would show.
 */
class AlertJournalOnTemporalCliTest {

  @RegisterExtension static final TemporalCliServer temporal = TemporalCliServer.cliOnly();

  @Test
  void alertsAcceptedBeforeTheApiIsKilledEachMakeTheirIncidentExactlyOnceAfterItsRestart()
      throws Exception {
    CliTemporal.Options server = temporal.options(temporal.file("temporal.db"), false);
    Path config = Files.writeString(temporal.file("firebreak.yaml"), AlertStormBenchmark.CONFIG);
    int apiPort = FreePort.next();
    FirebreakOsProcess api =
        new FirebreakOsProcess(
            "api",
            List.of("--config", config.toString(), "--port", String.valueOf(apiPort)),
            Map.of(
                "TEMPORAL_ADDRESS",
                "127.0.0.1:" + server.port(),
                BenchmarkStack.TOKEN_VARIABLE,
                DevMode.DEFAULT_DEV_TOKEN,
                FirebreakProcess.ALERT_JOURNAL_VARIABLE,
                temporal.file("alert-journal").toString()),
            temporal.file("api.log"));
    DevApi http = new DevApi("http://127.0.0.1:" + apiPort);
    Map<String, Integer> sent = new LinkedHashMap<>();
    try (api) {
      // The server is not up yet: the API accepts alerts it cannot deliver, as when Temporal is
      // slow or away, and is killed with all of them in its journal only.
      api.start();
      awaitAnswering(api, http);
      for (int delivery = 0; delivery < 9; delivery++) {
        JsonNode outcome =
            http.call("POST", "/api/v1/alerts", firing(delivery % 3), 202).get("incidents").get(0);
        assertThat(outcome.get("queued").asBoolean()).isTrue();
        sent.merge(outcome.get("workflowId").asText(), 1, Integer::sum);
      }
      api.kill();

      CliTemporal started = CliTemporal.start(server);
      try {
        WorkflowClient client = newClient(started);
        try {
          api.start();
          for (Map.Entry<String, Integer> incident : sent.entrySet()) {
            await()
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> alertSignals(client, incident.getKey()) >= incident.getValue());
          }
          // Every delivery is marked done, so nothing more can arrive late and double a count.
          await().atMost(Duration.ofSeconds(30)).until(() -> deliveredMarks() == 9);
          for (Map.Entry<String, Integer> incident : sent.entrySet()) {
            assertThat(executions(client, incident.getKey()))
                .as("%s declared once", incident.getKey())
                .isEqualTo(1);
            assertThat(alertSignals(client, incident.getKey()))
                .as("%s got each delivery once", incident.getKey())
                .isEqualTo(incident.getValue().longValue());
          }
        } finally {
          client.getWorkflowServiceStubs().shutdownNow();
        }
      } finally {
        started.close();
      }
    }
    assertThat(sent).hasSize(3);
  }

  private static void awaitAnswering(FirebreakOsProcess api, DevApi http) {
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              assertThat(api.isAlive()).as("the API runs; its log: %s", api.output()).isTrue();
              return http.call("GET", "/api/v1/services", null, 200) != null;
            });
  }

  private static long deliveredMarks() throws Exception {
    Path marks = temporal.file("alert-journal").resolve("delivered.log");
    return Files.exists(marks)
        ? Files.readAllLines(marks).stream().filter(l -> !l.isBlank()).count()
        : 0;
  }

  private static String firing(int fingerprint) {
    return """
        {"version": "4", "status": "firing", "receiver": "firebreak", "groupKey": "{}:{alertname=\\"Crash%1$d\\"}",
         "alerts": [{"status": "firing", "fingerprint": "crash-%1$d", "labels": {"alertname": "Crash%1$d",
           "severity": "critical"}, "annotations": {"summary": "Crash alert %1$d"},
           "startsAt": "2026-12-04T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z"}]}"""
        .formatted(fingerprint);
  }

  private static WorkflowClient newClient(CliTemporal server) {
    return WorkflowClient.newInstance(
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build()),
        WorkflowClientOptions.newBuilder().setNamespace(CliTemporal.NAMESPACE).build());
  }

  private static long executions(WorkflowClient client, String workflowId) {
    return client.listExecutions("WorkflowId = '" + workflowId + "'").count();
  }

  private static long alertSignals(WorkflowClient client, String workflowId) {
    List<HistoryEvent> events = new ArrayList<>(client.fetchHistory(workflowId).getEvents());
    return events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .filter(
            e -> e.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals("alert"))
        .count();
  }
}
