package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.http.CredentialRedactor;
import dev.firebreak.starter.api.ApiCaller;
import dev.firebreak.starter.api.ApiServer;
import dev.firebreak.starter.api.ApiTokens;
import dev.firebreak.starter.api.IncidentGateway;
import dev.firebreak.starter.api.MaintenanceWindows;
import dev.firebreak.starter.api.Role;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.HeartbeatSpecFactory;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.SecretResolver;
import dev.firebreak.starter.heartbeats.HeartbeatPings;
import dev.firebreak.starter.heartbeats.HeartbeatWorkflows;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflow;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflowImpl;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The heartbeat endpoints as the process wires them (the worker's credential redactor, the ping
 * tokens resolved from the environment) on an in-process Temporal test server in real time.
 */
class HeartbeatApiTest {

  static final String TOKEN = "3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b";
  static final String CONFIG =
      """
      organisation: Test
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      services:
        - name: recoup-backend
      heartbeats:
        - { name: webhook-retry, period: 15m, grace: 5m, maxRunTime: 10m, pingToken: "${HB_WEBHOOK_RETRY}" }
        - { name: data-purge, cron: "0 3 * * 0", pingToken: "${HB_DATA_PURGE}" }
      """;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestWorkflowEnvironment temporal =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer server;

  @BeforeEach
  void start() {
    Worker worker = temporal.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(
        HeartbeatWorkflowImpl.class, IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RecordingChat(), new RecordingPager(), new ScriptedDiagnostics());
    temporal.start();
    FirebreakConfig config = new ConfigLoader().load(CONFIG);
    var client = temporal.getWorkflowClient();
    IncidentGateway incidents = IncidentGateway.of(client, config, false);
    ApiTokens tokens =
        ApiTokens.none()
            .with("responder-token", new ApiCaller("alice", Set.of(Role.RESPONDER)))
            .with("viewer-token", new ApiCaller("dashboard", Set.of(Role.VIEWER)));
    Map<String, String> env = Map.of("HB_WEBHOOK_RETRY", TOKEN);
    server =
        new ApiServer(
                incidents,
                new MaintenanceWindows(incidents, config, Clock.systemUTC()),
                config,
                tokens,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> true,
                routes -> {},
                HeartbeatPings.of(
                    config,
                    new HeartbeatSpecFactory(config, new IncidentPolicyFactory(config, false)),
                    new SecretResolver(env::get),
                    new HeartbeatWorkflows(client, TaskQueue.NAME),
                    CredentialRedactor::redact,
                    Clock.systemUTC()))
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.stop();
    temporal.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> get(String path) {
    return send(request(path, null).GET());
  }

  private HttpResponse<String> post(String path, String token, String body) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private JsonNode heartbeat(String name) {
    return json(send(request("/api/v1/heartbeats/" + name, "viewer-token").GET()));
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitSignals(String name, int signals) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> heartbeat(name).path("signals").asInt() == signals);
  }

  @Test
  void aCronLinesCurlGetsOkAndTheHeartbeatIsUp() {
    HttpResponse<String> ping = get("/ping/" + TOKEN);

    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body()).isEqualTo("OK");
    assertThat(ping.headers().firstValue("Ping-Body-Limit")).contains("10000");
    assertThat(ping.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    awaitSignals("webhook-retry", 1);
    assertThat(heartbeat("webhook-retry").get("state").asText()).isEqualTo("UP");
    assertThat(
            send(request("/ping/" + TOKEN, null)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()))
                .statusCode())
        .isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} answers 404 and records nothing")
  @CsvSource({
    "/ping/3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6c",
    "/ping/3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6",
    "/ping/wrong",
    "/ping/wrong/start",
    "/ping/wrong/fail",
    "/ping/wrong/1",
    "/ping/%24%7BHB_WEBHOOK_RETRY%7D",
    "/ping/webhook-retry"
  })
  void aPingWithAWrongTokenIsNotFoundAndRecordsNothing(String path) {
    HttpResponse<String> ping =
        send(request(path, null).POST(HttpRequest.BodyPublishers.ofString("x")));

    assertThat(ping.statusCode()).isEqualTo(404);
    assertThat(ping.body()).isEqualTo("not found");
    assertThat(heartbeat("webhook-retry").get("pings").asInt()).isZero();
    assertThat(heartbeat("data-purge").get("pings").asInt()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                temporal
                    .getWorkflowClient()
                    .newWorkflowStub(
                        HeartbeatWorkflow.class, HeartbeatWorkflow.workflowId("webhook-retry"))
                    .view())
        .as("no workflow was started")
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @ParameterizedTest(name = "/ping/<token>/{0} is a {1}")
  @CsvSource({"start, START", "fail, FAIL", "log, LOG", "0, SUCCESS", "1, FAIL", "255, FAIL"})
  void theHealthchecksSuffixesSayWhatThePingIs(String suffix, String kind) {
    assertThat(get("/ping/" + TOKEN + "/" + suffix).statusCode()).isEqualTo(200);

    awaitSignals("webhook-retry", 1);
    assertThat(heartbeat("webhook-retry").get("recent").get(0).get("kind").asText())
        .isEqualTo(kind);
  }

  @ParameterizedTest(name = "{0} answers 400 {1}")
  @CsvSource({
    "'/ping/" + TOKEN + "/256', invalid url format",
    "'/ping/" + TOKEN + "?rid=run-1', invalid uuid format"
  })
  void anExitStatusAbove255OrARidThatIsNoUuidIsABadRequest(String path, String message) {
    HttpResponse<String> ping = get(path);

    assertThat(ping.statusCode()).isEqualTo(400);
    assertThat(ping.body()).isEqualTo(message);
  }

  @Test
  void theBodyIsCutAtTheLimitAndSecretsInItAreRedacted() {
    String body =
        "retrying 12 webhooks with sk_live_4eC39HqLyjWDarjtT1zdp7dc\n" + "x".repeat(20_000);

    HttpResponse<String> fail =
        send(
            request("/ping/" + TOKEN + "/fail", null)
                .POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(fail.statusCode()).isEqualTo(200);
    awaitSignals("webhook-retry", 1);
    String kept = heartbeat("webhook-retry").get("recent").get(0).get("body").asText();
    assertThat(kept).startsWith("retrying 12 webhooks with [redacted]").doesNotContain("sk_live");
    assertThat(kept.length()).isLessThanOrEqualTo(10_000);
  }

  @Test
  void aSecondPingThatChangesNothingIsAbsorbedCountedAndCarriedByTheNextSignal() {
    assertThat(get("/ping/" + TOKEN).statusCode()).isEqualTo(200);
    awaitSignals("webhook-retry", 1);

    assertThat(get("/ping/" + TOKEN).statusCode()).isEqualTo(200);
    assertThat(get("/ping/" + TOKEN).statusCode()).isEqualTo(200);
    JsonNode absorbed = heartbeat("webhook-retry");
    assertThat(absorbed.get("signals").asInt()).isEqualTo(1);
    assertThat(absorbed.get("absorbedPings").asInt()).isEqualTo(2);

    assertThat(get("/ping/" + TOKEN + "/start").statusCode()).isEqualTo(200);
    awaitSignals("webhook-retry", 2);
    JsonNode started = heartbeat("webhook-retry");
    assertThat(started.get("pings").asInt()).as("every ping counted").isEqualTo(4);
    assertThat(started.get("running").asBoolean()).isTrue();
  }

  @Test
  void aResponderPingsPausesAndResumesThroughTheApiUnderTheTokensName() {
    HttpResponse<String> ping =
        post(
            "/api/v1/heartbeats/data-purge/ping",
            "responder-token",
            "{\"exitStatus\": 0, \"body\": \"purged 42 rows\"}");
    assertThat(ping.statusCode()).isEqualTo(200);
    awaitSignals("data-purge", 1);
    assertThat(heartbeat("data-purge").get("recent").get(0).get("source").asText())
        .isEqualTo("alice");

    HttpResponse<String> paused =
        post(
            "/api/v1/heartbeats/data-purge/pause", "responder-token", "{\"reason\":\"migration\"}");
    assertThat(paused.statusCode()).isEqualTo(200);
    assertThat(json(paused).get("state").asText()).isEqualTo("PAUSED");
    assertThat(json(paused).get("pausedBy").asText()).isEqualTo("alice");
    assertThat(post("/api/v1/heartbeats/data-purge/pause", "responder-token", "").statusCode())
        .isEqualTo(409);
    HttpResponse<String> resumed =
        post("/api/v1/heartbeats/data-purge/resume", "responder-token", "");
    assertThat(json(resumed).get("state").asText()).isEqualTo("UP");

    assertThat(post("/api/v1/heartbeats/data-purge/ping", "viewer-token", "").statusCode())
        .isEqualTo(403);
    assertThat(post("/api/v1/heartbeats/data-purge/ping", null, "").statusCode()).isEqualTo(401);
    assertThat(
            post("/api/v1/heartbeats/data-purge/ping", "responder-token", "{\"kind\":\"explode\"}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void theListShowsEveryConfiguredHeartbeatAndAnUnknownNameIsNotFound() {
    JsonNode list = json(send(request("/api/v1/heartbeats", "viewer-token").GET()));

    assertThat(list)
        .extracting(h -> h.get("name").asText())
        .containsExactly("webhook-retry", "data-purge");
    assertThat(list.get(0).get("state").asText()).isEqualTo("NEW");
    assertThat(list.get(0).get("schedule").asText()).isEqualTo("every 15m");
    assertThat(list.get(1).get("schedule").asText()).isEqualTo("0 3 * * 0 (UTC)");
    HttpResponse<String> unknown =
        send(request("/api/v1/heartbeats/nightly", "viewer-token").GET());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").asText()).isEqualTo("not_found");
  }
}
