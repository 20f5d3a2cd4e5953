package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MaintenanceApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final RunningApi api = new RunningApi();

  private static String window(Duration startIn, String extra) {
    Instant start = Instant.now().plus(startIn);
    return "{\"title\":\"Upgrade Firestore indexes\",\"services\":[\"recoup-backend\"],\"start\":\"" + start
        + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30)) + "\"" + extra + "}";
  }

  private HttpResponse<String> schedule(String body) {
    return api.post(MaintenanceRoutes.BASE, "responder-token", body);
  }

  private JsonNode awaitWindow(String id, Predicate<JsonNode> condition) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
        .until(() -> condition.test(json(api.get(MaintenanceRoutes.BASE + "/" + id, "viewer-token"))));
    return json(api.get(MaintenanceRoutes.BASE + "/" + id, "viewer-token"));
  }

  private static Predicate<JsonNode> status(String status) {
    return view -> view.get("status").asText().equals(status);
  }

  @Test
  void aWindowScheduledAFewSecondsAheadRunsByItsTemplateToTheAllClear() {
    HttpResponse<String> created = schedule(window(Duration.ofSeconds(1), ""));

    assertThat(created.statusCode()).isEqualTo(201);
    String id = json(created).get("id").asText();
    assertThat(id).matches("MW-\\d{8}-1");
    assertThat(json(created).get("workflowId").asText()).isEqualTo("maintenance-" + id);
    JsonNode done = awaitWindow(id, status("COMPLETED"));
    assertThat(done.get("requestedBy").asText()).isEqualTo("alice");
    assertThat(api.actions.performed).containsExactly("create-backup");
    assertThat(done.get("timeline").toString()).contains("Status page maintenance").contains("All clear");
    JsonNode list = json(api.get(MaintenanceRoutes.BASE, "viewer-token"));
    assertThat(list.get(0).get("id").asText()).isEqualTo(id);
    assertThat(list.get(0).get("status").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void aManualStepFromTheRequestWaitsForConfirmation() {
    String id = json(schedule(window(Duration.ZERO,
        ",\"steps\":[{\"name\":\"swap-database\",\"manual\":\"promote the replica\"}]"))).get("id").asText();
    awaitWindow(id, view -> "swap-database".equals(view.path("waitingFor").asText()));

    HttpResponse<String> wrong = api.post(MaintenanceRoutes.BASE + "/" + id + "/confirm", "responder-token", "{\"step\":\"other\"}");
    HttpResponse<String> confirmed = api.post(MaintenanceRoutes.BASE + "/" + id + "/confirm", "responder-token",
        "{\"step\":\"swap-database\",\"note\":\"promoted\"}");

    assertThat(wrong.statusCode()).isEqualTo(409);
    assertThat(json(wrong).get("message").asText()).contains("is waiting for 'swap-database'");
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(awaitWindow(id, status("COMPLETED")).get("timeline").toString())
        .contains("swap-database confirmed by alice: promoted");
  }

  @Test
  void schedulingWhileAP1IsOpenAsksForConfirmationAndTheIncidentIsRecordedInTheWindow() {
    String incident = json(api.post(IncidentRoutes.BASE, "responder-token",
        "{\"title\":\"Checkout down\",\"severity\":\"P1\",\"service\":\"recoup-backend\"}")).get("id").asText();

    HttpResponse<String> refused = schedule(window(Duration.ofMinutes(5), ""));
    HttpResponse<String> confirmed = schedule(window(Duration.ofMinutes(5), ",\"confirm\":true"));

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).get("error").asText()).isEqualTo("incident_open");
    assertThat(json(refused).get("message").asText()).contains("P1 " + incident + " is open").contains("\"confirm\": true");
    assertThat(confirmed.statusCode()).isEqualTo(201);
    awaitWindow(json(confirmed).get("id").asText(), view -> view.get("timeline").toString()
        .contains("Scheduled while P1 " + incident + " were open; alice confirmed"));
  }

  @Test
  void aP1DeclaredWhileAWindowRunsIsRecordedInBoth() {
    String id = json(schedule(window(Duration.ZERO,
        ",\"steps\":[{\"name\":\"swap-database\",\"manual\":\"promote the replica\"}]"))).get("id").asText();
    awaitWindow(id, view -> view.path("waitingFor").asText().equals("swap-database"));

    String incident = json(api.post(IncidentRoutes.BASE, "responder-token",
        "{\"title\":\"Checkout down\",\"severity\":\"P1\",\"service\":\"recoup-backend\"}")).get("id").asText();

    awaitWindow(id, view -> view.get("timeline").toString().contains("P1 " + incident + " declared on recoup-backend"));
    await().atMost(Duration.ofSeconds(10)).until(() -> json(api.get(IncidentRoutes.BASE + "/" + incident, "viewer-token"))
        .get("timeline").toString().contains("Declared during maintenance " + id));
  }

  @Test
  void aP1AnAlertOpensWhileAWindowRunsIsRecordedInBoth() {
    String id = json(schedule(window(Duration.ZERO,
        ",\"steps\":[{\"name\":\"swap-database\",\"manual\":\"promote the replica\"}]"))).get("id").asText();
    awaitWindow(id, view -> view.path("waitingFor").asText().equals("swap-database"));

    // An alert opens its incident with a signal-with-start, never through the API's declare.
    IncidentGateway.of(api.temporal.getWorkflowClient(), new ConfigLoader().load(RunningApi.CONFIG), false)
        .alertFiring(new Declaration("ALERT-1", "Checkout down", Severity.P1, "recoup-backend", null, null,
        "alertmanager", null), new AlertReceived("alertmanager", "fp-1", true, "Checkout down", Severity.P1, null, null,
        false));

    awaitWindow(id, view -> view.get("timeline").toString().contains("P1 ALERT-1 declared on recoup-backend"));
    await().atMost(Duration.ofSeconds(10)).until(() -> json(api.get(IncidentRoutes.BASE + "/ALERT-1", "viewer-token"))
        .get("timeline").toString().contains("Declared during maintenance " + id));
  }

  @Test
  void extendAndAbortOverTheApi() {
    String body = window(Duration.ofHours(1), "");
    String id = json(schedule(body)).get("id").asText();
    String end = json(api.get(MaintenanceRoutes.BASE + "/" + id, "viewer-token")).get("end").asText();

    HttpResponse<String> earlier = api.post(MaintenanceRoutes.BASE + "/" + id + "/extend", "responder-token",
        "{\"until\":\"" + Instant.parse(end).minusSeconds(60) + "\"}");
    HttpResponse<String> later = api.post(MaintenanceRoutes.BASE + "/" + id + "/extend", "responder-token",
        "{\"until\":\"" + Instant.parse(end).plusSeconds(3600) + "\",\"reason\":\"bigger migration\"}");
    HttpResponse<String> aborted = api.post(MaintenanceRoutes.BASE + "/" + id + "/abort", "responder-token",
        "{\"reason\":\"vendor outage\"}");

    assertThat(earlier.statusCode()).isEqualTo(409);
    assertThat(later.statusCode()).isEqualTo(200);
    assertThat(Instant.parse(json(later).get("end").asText())).isEqualTo(Instant.parse(end).plusSeconds(3600));
    assertThat(aborted.statusCode()).isEqualTo(200);
    assertThat(awaitWindow(id, status("ABORTED")).get("outcome").asText()).contains("aborted by alice").contains("before it started");
    assertThat(api.get(MaintenanceRoutes.BASE + "/MW-19990101-1", "viewer-token").statusCode()).isEqualTo(404);
  }

  @Test
  void badRequestsAreRefusedWithTheFieldNamed() {
    assertThat(message(schedule("{\"title\":\"x\",\"start\":\"2030-01-01T00:00:00Z\",\"end\":\"2030-01-01T01:00:00Z\"}")))
        .contains("'services'");
    assertThat(message(schedule("{\"title\":\"x\",\"services\":[\"nope\"],\"start\":\"2030-01-01T00:00:00Z\",\"end\":\"2030-01-01T01:00:00Z\"}")))
        .contains("No service named 'nope'");
    assertThat(message(schedule("{\"title\":\"x\",\"services\":[\"recoup-backend\"],\"start\":\"2030-01-01T02:00:00Z\",\"end\":\"2030-01-01T01:00:00Z\"}")))
        .contains("'end' must be after 'start'");
    assertThat(message(schedule("{\"title\":\"x\",\"services\":[\"recoup-backend\"],\"start\":\"2020-01-01T00:00:00Z\",\"end\":\"2020-01-01T01:00:00Z\"}")))
        .contains("'start' is in the past");
    assertThat(message(schedule(window(Duration.ofHours(1), ",\"steps\":[{\"name\":\"both\",\"manual\":\"x\",\"http\":{\"url\":\"http://127.0.0.1:9/\"}}]"))))
        .contains("'steps[0]' must have exactly one of 'manual'");
    assertThat(message(schedule(window(Duration.ofHours(1), ",\"template\":\"weekly\"")))).contains("No maintenance window 'weekly'");
    assertThat(api.post(MaintenanceRoutes.BASE, "viewer-token", window(Duration.ofHours(1), "")).statusCode()).isEqualTo(403);
  }

  private static String message(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(400);
    return json(response).get("message").asText();
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
