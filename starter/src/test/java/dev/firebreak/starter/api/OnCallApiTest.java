package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.oncall.HandoffActivities;
import dev.firebreak.workflows.oncall.OnCallScheduleWorkflowImpl;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OnCallApiTest {

  /** One schedule that always has Alice (a daily rotation of one), and one of Bob on weekdays. */
  static final String CONFIG =
      """
      organisation: Test
      escalation:
        levels:
          - { name: primary, targets: ["slack:U0ALICE"] }
      services:
        - { name: api }
      oncall:
        schedules:
          - name: primary
            services: [api]
            layers:
              - name: Primary
                turn: daily
                start: 2026-01-01
                participants:
                  - { name: Alice, slackUserId: U0ALICE, phone: "+447700900001" }
          - name: office
            layers:
              - name: Office
                turn: weekly
                start: 2026-01-05
                participants: [{ name: Bob, slackUserId: U0BOB }]
                restrictions: [{ days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00" }]
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestWorkflowEnvironment temporal;
  private ApiServer server;
  private ApiRequests requests;

  @BeforeEach
  void start() {
    temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    Worker worker = temporal.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(OnCallScheduleWorkflowImpl.class);
    HandoffActivities noIncidents = services -> List.of();
    worker.registerActivitiesImplementations(new RecordingChat(), noIncidents);
    temporal.start();
    FirebreakConfig config = new ConfigLoader().load(CONFIG);
    ApiTokens tokens =
        ApiTokens.none()
            .with("responder-token", new ApiCaller("alice", Set.of(Role.RESPONDER)))
            .with("viewer-token", new ApiCaller("dashboard", Set.of(Role.VIEWER)));
    server =
        new ApiServer(
                temporal.getWorkflowClient(),
                config,
                tokens,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> true,
                false)
            .start("127.0.0.1", 0);
    requests = new ApiRequests(() -> "http://127.0.0.1:" + server.port());
  }

  @AfterEach
  void stop() {
    server.stop();
    temporal.close();
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
