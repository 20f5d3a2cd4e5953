package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.starter.schedules.JobGroups;
import dev.firebreak.workflows.common.CommittedHistories;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleListDescription;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./firebreak dev` on a real Temporal: the Temporal CLI's dev server, started by dev mode with a
 * database file, the Web UI and Firebreak's search attributes. The demo runbook's shrunk clock
 * keeps each test well under a minute.
 *
 * <p>Each test starts its own dev mode on its own server options (and one stops it half-way), so
 * the class manages dev mode itself rather than through {@link DevModeExtension}.
 */
class DevModeOnTemporalCliTest {

  @RegisterExtension static final TemporalCliServer temporal = TemporalCliServer.cliOnly();

  private static final Function<String, String> NO_ENV = Map.<String, String>of()::get;
  private static final Path COMMITTED_HISTORIES =
      Path.of("../workflows/src/test/resources/histories");

  private DevMode dev;

  @AfterEach
  void stopDevMode() {
    if (dev != null) {
      dev.close();
    }
  }

  /**
   * Each test's own state directory (its alert journal among it): tests in another surefire fork
   * start dev mode too, and two APIs may not share a journal.
   */
  @TempDir Path state;

  private DevMode start(CliTemporal.Options options, int apiPort) {
    return DevMode.start(null, () -> CliTemporal.start(options), apiPort, NO_ENV, state);
  }

  private List<String> incidentsMatching(String query) {
    return dev.process()
        .client()
        .listExecutions(query)
        .map(e -> e.getExecution().getWorkflowId())
        .toList();
  }

  @Test
  void anIncidentDeclaredAcknowledgedUpdatedAndResolvedIsFoundByItsSearchAttributes()
      throws Exception {
    CliTemporal.Options options = temporal.options(temporal.file("lifecycle.db"), true);
    dev = start(options, FreePort.next());
    DevApi api = new DevApi(dev.apiUrl());
    String webUi = dev.temporal().webUi().orElseThrow();
    assertThat(dev.banner())
        .contains("Temporal (CLI dev server) " + dev.temporal().target())
        .contains("incidents are kept in " + options.database())
        .contains(DevMode.incidentList(webUi));
    assertThat(DevApi.status(webUi + "/healthz")).isEqualTo(200);
    assertThat(DevApi.status(DevMode.incidentList(webUi))).isEqualTo(200);

    String id =
        api.call(
                "POST",
                "/api/v1/incidents",
                "{\"title\":\"Checkout returns 500\",\"severity\":\"P1\",\"service\":\"recoup-backend\"}",
                201)
            .get("id")
            .asText();
    String workflowId = "incident-" + id;
    String ours = "FirebreakService = 'recoup-backend' AND FirebreakSeverity = 'P1'";
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                incidentsMatching(ours + " AND FirebreakStatus = 'DECLARED'").contains(workflowId));
    assertThat(incidentsMatching("FirebreakService = 'vercel-app'")).doesNotContain(workflowId);
    assertThat(incidentsMatching("FirebreakSeverity = 'P2'")).doesNotContain(workflowId);

    assertThat(
            api.call("POST", "/api/v1/incidents/" + id + "/ack", "{\"by\":\"alice\"}", 200)
                .get("acknowledgedBy")
                .asText())
        .isEqualTo("alice");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                incidentsMatching(
                        ours
                            + " AND FirebreakStatus IN ('ACKNOWLEDGED', 'ASSESSING', 'MITIGATING')")
                    .contains(workflowId));

    api.call(
        "POST",
        "/api/v1/incidents/" + id + "/updates",
        "{\"by\":\"alice\",\"text\":\"Webhook secret mismatch\",\"eta\":\"10 min\"}",
        200);
    assertThat(
            api.call(
                    "POST",
                    "/api/v1/incidents/" + id + "/resolve",
                    "{\"by\":\"alice\",\"summary\":\"Secret rotated\",\"rootCause\":\"Secret rotated in Stripe only\"}",
                    200)
                .get("status")
                .asText())
        .isEqualTo("MONITORING");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                incidentsMatching(ours + " AND FirebreakStatus = 'POST_MORTEM'")
                    .contains(workflowId));

    JsonNode incident = api.call("GET", "/api/v1/incidents/" + id, null, 200);
    List<String> kinds =
        StreamSupport.stream(incident.get("timeline").spliterator(), false)
            .map(entry -> entry.get("kind").asText())
            .toList();
    assertThat(kinds).contains("acknowledged", "update", "resolved", "monitoring-passed");
    assertThat(incidentsMatching("FirebreakStatus = 'DECLARED'")).doesNotContain(workflowId);

    assertThat(
            api.call(
                    "POST",
                    "/api/v1/incidents/" + id + "/postmortem/review",
                    "{\"by\":\"bob\"}",
                    200)
                .get("status")
                .asText())
        .isEqualTo("CLOSED");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                incidentsMatching(ours + " AND ExecutionStatus = 'Completed'")
                    .contains(workflowId));
    recordHistory(workflowId, "real-server-baseline-lifecycle");
  }

  @Test
  void onTheRealServerTheDemoJobsAreTemporalSchedules() throws Exception {
    dev = start(temporal.options(temporal.file("jobs.db"), false), FreePort.next());
    WorkflowClient client = dev.process().client();
    ScheduleClient schedules =
        ScheduleClient.newInstance(
            client.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder().setNamespace(DevMode.NAMESPACE).build());

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> schedules.listSchedules().map(ScheduleListDescription::getScheduleId).toList(),
            ids ->
                ids.containsAll(
                    List.of(
                        JobGroups.id("0 2 * * *", "UTC"),
                        JobGroups.id("*/15 * * * *", "UTC"),
                        JobGroups.id("0 4 * * SUN", "UTC"))));
    assertThat(
            new DevApi(dev.apiUrl())
                .call("GET", "/api/v1/jobs", null, 200)
                .findValuesAsText("name"))
        .contains("payment-verification", "webhook-retry", "data-purge");
  }

  @Test
  void aRestartOnTheSameDatabaseFindsTheOpenIncidentAndItKeepsEscalating() throws Exception {
    CliTemporal.Options options = temporal.options(temporal.file("restart.db"), false);
    int apiPort = FreePort.next();
    dev = start(options, apiPort);
    DevApi api = new DevApi(dev.apiUrl());
    String id =
        api.call(
                "POST",
                "/api/v1/incidents",
                "{\"title\":\"Payments time out\",\"severity\":\"P1\",\"service\":\"recoup-backend\"}",
                201)
            .get("id")
            .asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> pages(api.call("GET", "/api/v1/incidents/" + id, null, 200)),
            pages -> pages.size() == 1);
    JsonNode beforeStop = api.call("GET", "/api/v1/incidents/" + id, null, 200);
    assertThat(beforeStop.get("escalationLevel").asInt())
        .as("the primary is paged, nobody else yet")
        .isEqualTo(1);
    dev.close();
    dev = null;

    dev = start(options, apiPort);
    JsonNode afterRestart = api.call("GET", "/api/v1/incidents/" + id, null, 200);
    assertThat(afterRestart.get("status").asText()).isEqualTo("DECLARED");
    assertThat(afterRestart.get("title").asText()).isEqualTo("Payments time out");

    // The demo's ack timeout is 30 s from the declaration; the first run stopped well before it.
    await()
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                api.call("GET", "/api/v1/incidents/" + id, null, 200).get("escalationLevel").asInt()
                    == 2);
    assertThat(pages(api.call("GET", "/api/v1/incidents/" + id, null, 200)))
        .hasSize(2)
        .last()
        .asString()
        .contains("no acknowledgement in");
    recordHistory("incident-" + id, "real-server-escalated-after-restart");
  }

  /**
   * With {@code -Dfirebreak.recordHistories=true}, keeps the incident's history (recorded on the
   * real server, across a restart for one of them) where the incident replay test replays it on
   * every build.
   */
  private void recordHistory(String workflowId, String name) throws IOException {
    if (Boolean.getBoolean("firebreak.recordHistories")) {
      CommittedHistories.save(dev.process().client(), workflowId, COMMITTED_HISTORIES, name);
    }
  }

  private static List<String> pages(JsonNode incident) {
    return StreamSupport.stream(incident.get("timeline").spliterator(), false)
        .filter(entry -> entry.get("kind").asText().equals("paged"))
        .map(entry -> entry.get("text").asText())
        .toList();
  }
}
