package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/v1/incidents} filters on the embedded test server, which answers no visibility
 * queries: the list falls back to the open/closed listings and filters by the memos. Three
 * incidents, declared once for the class: {@code a} P1 on recoup-backend (declared), {@code b} P2
 * on talk-to-my-lawyer (acknowledged, so mitigating once its assessment is done), {@code c} P1 on
 * talk-to-my-lawyer (closed).
 */
class IncidentListFiltersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningApi api;
  private static final Map<String, String> ids = new LinkedHashMap<>();

  @BeforeAll
  static void declareThreeIncidents() {
    api = new RunningApi();
    ids.put("a", declare("P1", "recoup-backend"));
    ids.put("b", declare("P2", "talk-to-my-lawyer"));
    ids.put("c", declare("P1", "talk-to-my-lawyer"));
    post("/api/v1/incidents/" + ids.get("b") + "/ack");
    awaitStatus(ids.get("b"), "MITIGATING");
    String c = ids.get("c");
    post("/api/v1/incidents/" + c + "/ack");
    post("/api/v1/incidents/" + c + "/resolve");
    awaitStatus(c, "POST_MORTEM");
    post("/api/v1/incidents/" + c + "/postmortem/review");
    api.temporal
        .getWorkflowClient()
        .newUntypedWorkflowStub("incident-" + c)
        .getResult(Object.class);
  }

  private static void awaitStatus(String id, String status) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                json(api.get("/api/v1/incidents/" + id, "viewer-token"))
                    .get("status")
                    .asText()
                    .equals(status));
  }

  @AfterAll
  static void stop() {
    api.afterEach(null);
  }

  @ParameterizedTest(name = "?{0} lists {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                          | c b a",
        "status=open                                 | b a",
        "status=OPEN                                 | b a",
        "status=closed                               | c",
        "status=declared                             | a",
        "status=mitigating                           | b",
        "status=acknowledged                         | ''",
        "status=post-mortem                          | ''",
        "severity=P1                                 | c a",
        "severity=p2                                 | b",
        "severity=P0                                 | ''",
        "service=talk-to-my-lawyer                   | c b",
        "service=recoup-backend                      | a",
        "severity=P1&service=talk-to-my-lawyer       | c",
        "status=open&severity=P1                     | a",
        "status=open&service=talk-to-my-lawyer       | b",
        "status=closed&service=recoup-backend        | ''",
      })
  void theListShowsExactlyTheIncidentsTheFilterMatchesNewestFirst(String query, String expected) {
    HttpResponse<String> response =
        api.get("/api/v1/incidents" + (query.isEmpty() ? "" : "?" + query), "viewer-token");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> listed =
        StreamSupport.stream(json(response).spliterator(), false)
            .map(row -> row.get("id").asText())
            .toList();
    assertThat(listed)
        .containsExactlyElementsOf(
            expected.isBlank()
                ? List.of()
                : Arrays.stream(expected.split(" ")).map(ids::get).toList());
  }

  @ParameterizedTest(name = "{0}={1} is refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "status   | bogus              | Query parameter 'status' is 'bogus', not one of open, declared, acknowledged, assessing, mitigating, monitoring, post_mortem, closed ('open' is every incident still running).",
        "severity | P9                 | Query parameter 'severity' is 'P9', not one of P0, P1, P2, P3, P4.",
        "service  | nope               | Query parameter 'service' is 'nope', not a service in firebreak.yaml; known: recoup-backend, talk-to-my-lawyer.",
        "service  | x' OR '1' = '1     | Query parameter 'service' is 'x' OR '1' = '1', not a service in firebreak.yaml; known: recoup-backend, talk-to-my-lawyer.",
      })
  void anUnknownFilterValueIsA400ThatNamesTheKnownOnes(
      String parameter, String value, String message) {
    HttpResponse<String> response =
        api.get(
            "/api/v1/incidents?"
                + parameter
                + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8),
            "viewer-token");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("bad_request");
    assertThat(json(response).get("message").asText()).isEqualTo(message);
  }

  private static String declare(String severity, String service) {
    HttpResponse<String> response =
        api.post(
            "/api/v1/incidents",
            "responder-token",
            "{\"title\": \"Checkout 5xx\", \"severity\": \""
                + severity
                + "\", \"service\": \""
                + service
                + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).get("id").asText();
  }

  private static void post(String path) {
    HttpResponse<String> response = api.post(path, "responder-token", "{}");
    assertThat(response.statusCode()).as(path + " → " + response.body()).isLessThan(300);
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError(response.body(), e);
    }
  }
}
