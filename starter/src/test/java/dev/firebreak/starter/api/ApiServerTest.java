package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import io.temporal.client.WorkflowOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DECLARE =
      """
      {"title": "Checkout 5xx", "severity": "P1", "service": "recoup-backend", "description": "Stripe errors"}""";

  @RegisterExtension final RunningApi api = new RunningApi();

  @Test
  void healthzSaysWhetherTemporalAnswers() throws Exception {
    HttpResponse<String> ok = api.get("/healthz", null);
    api.temporalReachable.set(false);
    HttpResponse<String> down = api.get("/healthz", null);

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok)).isEqualTo(JSON.readTree("{\"status\":\"ok\",\"temporal\":\"ok\"}"));
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(json(down).get("temporal").asText()).isEqualTo("unreachable");
  }

  @Test
  void metricsAreServedWithoutATokenAndCountDeclaredIncidents() {
    declare(DECLARE);

    // The incident counts itself (so every way of declaring one is counted), a moment after it
    // starts.
    HttpResponse<String> metrics =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> api.get("/metrics", null),
                m -> RunningApi.declaredOnce("P1").matcher(m.body()).find());

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
  }

  @Test
  void metricsCountOpenIncidentsBySeverity() {
    declare(DECLARE);
    declare(DECLARE);

    String metrics = api.get("/metrics", null).body();

    assertThat(metrics).contains("firebreak_incidents_open{severity=\"P1\"} 2.0");
    assertThat(metrics).contains("firebreak_incidents_open{severity=\"P0\"} 0.0");
  }

  @Test
  void apiRefusesCallsWithoutAValidToken() {
    HttpResponse<String> none = api.get("/api/v1/incidents", null);
    HttpResponse<String> wrong = api.get("/api/v1/incidents", "admin-tokem");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(json(none).get("error").asText()).isEqualTo("unauthorized");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json(wrong).get("message").asText()).isEqualTo("The API token is not valid.");
  }

  @Test
  void viewerCannotDeclareAndIsToldWhichRoleItNeeds() {
    HttpResponse<String> response = api.post("/api/v1/incidents", "viewer-token", DECLARE);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).get("error").asText()).isEqualTo("forbidden");
    assertThat(json(response).get("message").asText()).contains("responder role");
  }

  @Test
  void servicesListsTheConfiguredServices() {
    HttpResponse<String> response = api.get("/api/v1/services", "viewer-token");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode services = json(response);
    assertThat(services).hasSize(2);
    assertThat(services.get(0).get("name").asText()).isEqualTo("recoup-backend");
    assertThat(services.get(0).get("platform").asText()).isEqualTo("render");
    assertThat(services.get(0).get("dependencies").get(0).get("statusPage").asText())
        .isEqualTo("http://127.0.0.1:9/status");
  }

  @Test
  void declareStartsTheIncidentWorkflowUnderAHumanId() {
    String before = utcDate();
    HttpResponse<String> response = api.post("/api/v1/incidents", "responder-token", DECLARE);

    assertThat(response.statusCode()).isEqualTo(201);
    String id = json(response).get("id").asText();
    // The id carries the API's date; either side of a midnight the request may have crossed is
    // right.
    assertThat(id).isIn("INC-" + before + "-1", "INC-" + utcDate() + "-1");
    assertThat(json(response).get("workflowId").asText()).isEqualTo("incident-" + id);
    assertThat(json(response).get("status").asText()).isEqualTo("DECLARED");
    JsonNode state = json(api.get("/api/v1/incidents/" + id, "viewer-token"));
    assertThat(state.get("title").asText()).isEqualTo("Checkout 5xx");
    assertThat(state.get("severity").asText()).isEqualTo("P1");
    assertThat(state.get("declaredBy").asText()).isEqualTo("alice");
    assertThat(state.get("declaredAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void aSecondReplicaSkipsIdsTheFirstAlreadyUsed() {
    String first = declare(DECLARE);
    ApiServer replica = api.newServer().start("127.0.0.1", 0);
    try {
      String second = json(sendTo(replica, DECLARE)).get("id").asText();

      assertThat(second).isNotEqualTo(first).endsWith("-2");
    } finally {
      replica.stop();
    }
  }

  @Test
  void afterARestartOnABusyDayTheNextDeclarationSkipsEveryIdInUse() {
    // 500 incidents declared today by an earlier run of the API (placeholders nobody works on).
    String today = utcDate();
    for (int n = 1; n <= 500; n++) {
      api.temporal
          .getWorkflowClient()
          .newUntypedWorkflowStub(
              "IncidentWorkflow",
              WorkflowOptions.newBuilder()
                  .setWorkflowId(IncidentWorkflow.workflowId("INC-" + today + "-" + n))
                  .setTaskQueue("nobody-polls")
                  .build())
          .start();
    }
    ApiServer restarted = api.newServer().start("127.0.0.1", 0);
    try {
      HttpResponse<String> declared = sendTo(restarted, DECLARE);
      assumeTrue(
          today.equals(utcDate()),
          "the UTC date changed during the test: the placeholders are yesterday's");

      assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
      assertThat(json(declared).get("id").asText()).isEqualTo("INC-" + today + "-501");
      assertThat(json(sendTo(restarted, DECLARE)).get("id").asText())
          .isEqualTo("INC-" + today + "-502");
    } finally {
      restarted.stop();
    }
  }

  @Test
  void theIncidentListHoldsIncidentsOnlyThoughTheDevServerIgnoresTheTypeFilter() {
    String id = declare(DECLARE);
    // A job tick or a maintenance window, as dev mode runs beside its incidents.
    api.temporal
        .getWorkflowClient()
        .newUntypedWorkflowStub(
            "JobTickWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId("job-email-queue-tick")
                .setTaskQueue("nobody-polls")
                .build())
        .start();

    JsonNode listed = json(api.get("/api/v1/incidents", "viewer-token"));

    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
  }

  @Test
  void declareMeasuresTheTitleWithoutItsSurroundingBlanksAsSlackDoes() {
    String id = declare(DECLARE.replace("Checkout 5xx", "  " + "x".repeat(200) + "  "));

    assertThat(json(api.get("/api/v1/incidents/" + id, "viewer-token")).get("title").asText())
        .isEqualTo("x".repeat(200));
  }

  @Test
  void declareRefusesBadRequestsAndStartsNothing() {
    assertBadRequest(
        DECLARE.replace("recoup-backend", "nope"),
        "No service named 'nope'; known: recoup-backend, talk-to-my-lawyer.");
    assertBadRequest(
        DECLARE.replace("\"P1\"", "\"P9\""),
        "Field 'severity' is 'P9', not one of P0, P1, P2, P3, P4.");
    assertBadRequest("{\"title\": \"x\", ", null);
    assertBadRequest(
        DECLARE.replace("Checkout 5xx", "x".repeat(201)),
        "Field 'title' is longer than 200 characters.");
    assertBadRequest(DECLARE.replace("Checkout 5xx", "  "), "Field 'title' is required.");
    assertBadRequest(DECLARE.replace("\"description\"", "\"descripton\""), null);

    assertThat(json(api.get("/api/v1/incidents", "viewer-token"))).isEmpty();
  }

  @Test
  void acknowledgeUpdateAndResolveReturnTheNewState() {
    String id = declare(DECLARE);

    HttpResponse<String> ack =
        api.post("/api/v1/incidents/" + id + "/ack", "responder-token", "{}");
    HttpResponse<String> update =
        api.post(
            "/api/v1/incidents/" + id + "/updates",
            "responder-token",
            "{\"text\": \"Stripe webhooks failing\", \"eta\": \"30 min\"}");
    HttpResponse<String> resolve =
        api.post(
            "/api/v1/incidents/" + id + "/resolve",
            "admin-token",
            "{\"by\": \"bob\", \"summary\": \"Rolled back\"}");

    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(json(ack).get("acknowledgedBy").asText()).isEqualTo("alice");
    assertThat(json(ack).get("status").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(update.statusCode()).isEqualTo(200);
    assertThat(json(update).get("latestUpdate").asText())
        .isEqualTo("Stripe webhooks failing\nETA: 30 min");
    assertThat(resolve.statusCode()).isEqualTo(200);
    assertThat(json(resolve).get("status").asText()).isEqualTo("MONITORING");
    assertThat(json(resolve).get("timeline"))
        .extracting(e -> e.get("actor").asText())
        .contains("bob");
  }

  @Test
  void aRefusedCommandIsAConflictWithTheWorkflowsMessage() {
    String id = declare(DECLARE);
    api.post("/api/v1/incidents/" + id + "/ack", "responder-token", "{}");

    HttpResponse<String> again = api.post("/api/v1/incidents/" + id + "/ack", "admin-token", "{}");

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("error").asText()).isEqualTo("invalid_transition");
    assertThat(json(again).get("message").asText())
        .startsWith(id + " was already acknowledged by alice at ");
  }

  @Test
  void aResolveRefusedByFailingHealthChecksIsAConflictNamingThem() {
    String id = declare(DECLARE);
    api.diagnostics.healthy = false;

    HttpResponse<String> resolve =
        api.post("/api/v1/incidents/" + id + "/resolve", "responder-token", "{}");

    assertThat(resolve.statusCode()).isEqualTo(409);
    assertThat(json(resolve).get("error").asText()).isEqualTo("resolve_refused");
    assertThat(json(resolve).get("message").asText())
        .contains("recoup-backend")
        .contains("database=error");
    assertThat(json(api.get("/api/v1/incidents/" + id, "viewer-token")).get("resolvedAt").isNull())
        .isTrue();
  }

  @Test
  void aRetriedCommandWithTheSameIdempotencyKeyIsAppliedOnce() {
    String id = declare(DECLARE);
    String body = "{\"text\": \"Investigating\"}";

    for (int i = 0; i < 2; i++) {
      HttpResponse<String> response =
          api.send(
              api.request("/api/v1/incidents/" + id + "/updates", "responder-token")
                  .header("Idempotency-Key", "update-1")
                  .header("Content-Type", "application/json")
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
      assertThat(response.statusCode()).isEqualTo(200);
    }

    JsonNode timeline = json(api.get("/api/v1/incidents/" + id, "viewer-token")).get("timeline");
    assertThat(timeline).filteredOn(e -> e.get("kind").asText().equals("update")).hasSize(1);
  }

  @Test
  void commandsNeedTheirRequiredFields() {
    String id = declare(DECLARE);

    HttpResponse<String> response =
        api.post("/api/v1/incidents/" + id + "/updates", "responder-token", "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("message").asText()).isEqualTo("Field 'text' is required.");
  }

  @Test
  void unknownIncidentIsNotFound() {
    HttpResponse<String> show = api.get("/api/v1/incidents/INC-19990101-1", "viewer-token");
    HttpResponse<String> ack =
        api.post("/api/v1/incidents/INC-19990101-1/ack", "responder-token", "{}");

    assertThat(show.statusCode()).isEqualTo(404);
    assertThat(json(show).get("error").asText()).isEqualTo("not_found");
    assertThat(ack.statusCode()).isEqualTo(404);
  }

  @Test
  void listShowsIncidentsNewestFirstAndCanKeepToOpenOnes() throws Exception {
    String first = declare(DECLARE);
    String second =
        declare(DECLARE.replace("recoup-backend", "talk-to-my-lawyer").replace("P1", "P2"));
    api.post("/api/v1/incidents/" + second + "/ack", "responder-token", "{}");
    api.post("/api/v1/incidents/" + second + "/resolve", "responder-token", "{}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                json(api.get("/api/v1/incidents/" + second, "viewer-token"))
                    .get("status")
                    .asText()
                    .equals("POST_MORTEM"));
    api.post("/api/v1/incidents/" + second + "/postmortem/review", "responder-token", "{}");
    api.temporal
        .getWorkflowClient()
        .newUntypedWorkflowStub("incident-" + second)
        .getResult(Object.class);

    JsonNode all = json(api.get("/api/v1/incidents", "viewer-token"));
    JsonNode open = json(api.get("/api/v1/incidents?status=open", "viewer-token"));

    assertThat(all).extracting(i -> i.get("id").asText()).containsExactly(second, first);
    assertThat(all.get(0).get("status").asText()).isEqualTo("CLOSED");
    assertThat(all.get(0).get("service").asText()).isEqualTo("talk-to-my-lawyer");
    assertThat(all.get(1).get("status").asText()).isEqualTo("DECLARED");
    assertThat(all.get(1).get("title").asText()).isEqualTo("Checkout 5xx");
    assertThat(all.get(1).get("severity").asText()).isEqualTo("P1");
    assertThat(open).extracting(i -> i.get("id").asText()).containsExactly(first);
  }

  @Test
  void aDeclarationRetriedWithTheSameIdempotencyKeyReturnsTheSameIncidentFromAnyApiProcess() {
    ApiServer replica = api.newServer().start("127.0.0.1", 0);
    try {
      HttpResponse<String> first = declareWithKey(api.server, "declare-1");
      HttpResponse<String> retried = declareWithKey(api.server, "declare-1");
      HttpResponse<String> elsewhere = declareWithKey(replica, "declare-1");
      HttpResponse<String> another = declareWithKey(api.server, "declare-2");

      assertThat(first.statusCode()).isEqualTo(201);
      String id = json(first).get("id").asText();
      assertThat(retried.statusCode()).isEqualTo(200);
      assertThat(json(retried).get("id").asText()).isEqualTo(id);
      assertThat(elsewhere.statusCode()).isEqualTo(200);
      assertThat(json(elsewhere).get("id").asText()).isEqualTo(id);
      assertThat(another.statusCode()).isEqualTo(201);
      assertThat(json(another).get("id").asText()).isNotEqualTo(id);
      assertThat(json(api.get("/api/v1/incidents", "viewer-token"))).hasSize(2);
    } finally {
      replica.stop();
    }
  }

  @Test
  void aDeclarationKeyReusedWithADifferentBodyIsUnprocessableAndDeclaresNothing() {
    HttpResponse<String> first = declareWithKey(api.server, "declare-1");
    HttpResponse<String> changed =
        api.send(
            declaration(api.server, DECLARE.replace("Checkout 5xx", "Payments down"))
                .header("Idempotency-Key", "declare-1"));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(422);
    assertThat(json(changed).get("error").asText()).isEqualTo("idempotency_key_reused");
    assertThat(json(api.get("/api/v1/incidents", "viewer-token"))).hasSize(1);
  }

  @Test
  void notesAreAcceptedAsSignals() {
    String id = declare(DECLARE);

    HttpResponse<String> response =
        api.post(
            "/api/v1/incidents/" + id + "/notes",
            "responder-token",
            "{\"text\": \"Paged Stripe\"}");

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void postMortemIsMarkdown() {
    String id = declare(DECLARE);

    HttpResponse<String> response =
        api.get("/api/v1/incidents/" + id + "/postmortem", "viewer-token");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/markdown"));
    assertThat(response.body())
        .startsWith("# Incident Report: Checkout 5xx")
        .contains("**Incident**: " + id);
  }

  @Test
  void unknownEndpointIsAJsonNotFound() {
    HttpResponse<String> response = api.get("/api/v1/nothing-here", "viewer-token");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("error").asText()).isEqualTo("not_found");
  }

  private void assertBadRequest(String body, String message) {
    HttpResponse<String> response = api.post("/api/v1/incidents", "responder-token", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("bad_request");
    if (message != null) {
      assertThat(json(response).get("message").asText()).isEqualTo(message);
    }
  }

  private String declare(String body) {
    HttpResponse<String> response = api.post("/api/v1/incidents", "responder-token", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).get("id").asText();
  }

  private static String utcDate() {
    return DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(ZoneOffset.UTC));
  }

  private HttpResponse<String> sendTo(ApiServer server, String body) {
    return api.send(declaration(server, body));
  }

  private HttpResponse<String> declareWithKey(ApiServer server, String key) {
    return api.send(declaration(server, DECLARE).header("Idempotency-Key", key));
  }

  private static java.net.http.HttpRequest.Builder declaration(ApiServer server, String body) {
    return java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/v1/incidents"))
        .header("Authorization", "Bearer responder-token")
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
