package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OnCallApiTest {

  @RegisterExtension final RunningOnCallApi api = new RunningOnCallApi();

  private static final ObjectMapper JSON = new ObjectMapper();
  private ApiRequests requests;

  @BeforeEach
  void requests() {
    requests = new ApiRequests(api::baseUrl);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Test
  void whoIsOnCallNowIsListedPerScheduleForAnyToken() throws IOException {
    HttpResponse<String> response = requests.get("/api/v1/oncall", "viewer-token");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode schedules = json(response).path("schedules");
    assertThat(schedules).hasSize(2);
    assertThat(schedules.get(0).path("schedule").asText()).isEqualTo("primary");
    assertThat(schedules.get(0).path("person").path("name").asText()).isEqualTo("Alice");
    assertThat(schedules.get(0).path("source").asText()).isEqualTo("layer Primary (daily)");
    assertThat(response.body())
        .as("a viewer sees who, not how to reach them")
        .doesNotContain("+447700900001")
        .doesNotContain("\"phone\"");
  }

  @Test
  void shiftsBetweenTwoInstantsShowGapsAsShiftsWithNobody() throws IOException {
    HttpResponse<String> response =
        requests.get(
            "/api/v1/oncall/office?from=2026-03-06T12:00:00Z&to=2026-03-09T12:00:00Z",
            "viewer-token");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode shifts = json(response).path("shifts");
    assertThat(shifts).hasSize(3);
    assertThat(shifts.get(0).path("person").path("name").asText()).isEqualTo("Bob");
    assertThat(shifts.get(1).path("person").isNull()).isTrue();
    assertThat(shifts.get(1).path("from").asText()).isEqualTo("2026-03-06T17:00:00Z");
    assertThat(shifts.get(1).path("to").asText()).isEqualTo("2026-03-09T09:00:00Z");
  }

  static Stream<Arguments> badShiftRequests() {
    return Stream.of(
        Arguments.of("/api/v1/oncall/nope", 404, "not_found"),
        Arguments.of(
            "/api/v1/oncall/primary?from=2026-03-09T00:00:00Z&to=2026-03-09T00:00:00Z",
            400,
            "bad_request"),
        Arguments.of(
            "/api/v1/oncall/primary?from=2026-03-10T00:00:00Z&to=2026-03-09T00:00:00Z",
            400,
            "bad_request"),
        Arguments.of(
            "/api/v1/oncall/primary?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z",
            400,
            "bad_request"),
        Arguments.of("/api/v1/oncall/primary?from=yesterday", 400, "bad_request"));
  }

  @ParameterizedTest(name = "GET {0} is {1}")
  @MethodSource("badShiftRequests")
  void aBadShiftsRequestIsRefusedWithAJsonError(String path, int status, String code)
      throws IOException {
    HttpResponse<String> response = requests.get(path, "viewer-token");

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(json(response).path("error").asText()).isEqualTo(code);
    assertThat(json(response).path("message").asText()).isNotBlank();
  }

  @Test
  void aResponderOverridesAScheduleAndTheOverrideIsWhoIsOnCall() throws IOException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String body =
        "{\"slackUserId\":\"U0CAROL\",\"name\":\"Carol\",\"from\":\""
            + now.minusSeconds(5)
            + "\",\"to\":\""
            + now.plus(Duration.ofHours(2))
            + "\"}";

    HttpResponse<String> created =
        requests.post("/api/v1/oncall/primary/overrides", "responder-token", body);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).path("by").asText()).isEqualTo("alice");
    JsonNode primary =
        json(requests.get("/api/v1/oncall", "viewer-token")).path("schedules").get(0);
    assertThat(primary.path("person").path("name").asText()).isEqualTo("Carol");
    assertThat(primary.path("source").asText()).isEqualTo("override by alice");
  }

  static Stream<Arguments> badOverrides() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return Stream.of(
        Arguments.of("nope", "responder-token", span("U0C", now, now.plusSeconds(60)), 404),
        Arguments.of("primary", "viewer-token", span("U0C", now, now.plusSeconds(60)), 403),
        Arguments.of("primary", "responder-token", span("U0C", now, now), 400),
        Arguments.of("primary", "responder-token", span("U0C", now.plusSeconds(60), now), 400),
        Arguments.of(
            "primary", "responder-token", span("U0C", now, now.plus(Duration.ofDays(91))), 400),
        Arguments.of(
            "primary",
            "responder-token",
            span("U0C", now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1))),
            400),
        Arguments.of("primary", "responder-token", "{\"slackUserId\":\"U0C\"}", 400),
        Arguments.of("primary", "responder-token", span(null, now, now.plusSeconds(60)), 400));
  }

  private static String span(String slackUserId, Instant from, Instant to) {
    return "{"
        + (slackUserId == null ? "" : "\"slackUserId\":\"" + slackUserId + "\",")
        + "\"from\":\""
        + from
        + "\",\"to\":\""
        + to
        + "\"}";
  }

  @ParameterizedTest(name = "POST overrides on {0} with {1}: {2} → {3}")
  @MethodSource("badOverrides")
  void aBadOverrideIsRefusedAndChangesNothing(
      String schedule, String token, String body, int status) throws IOException {
    HttpResponse<String> response =
        requests.post("/api/v1/oncall/" + schedule + "/overrides", token, body);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(json(response).path("error").asText()).isNotBlank();
    JsonNode primary =
        json(requests.get("/api/v1/oncall", "viewer-token")).path("schedules").get(0);
    assertThat(primary.path("person").path("name").asText()).isEqualTo("Alice");
  }
}
