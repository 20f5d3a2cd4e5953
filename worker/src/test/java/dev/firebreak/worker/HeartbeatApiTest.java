package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflow;
import io.temporal.client.WorkflowNotFoundException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The heartbeat endpoints: Healthchecks.io's ping URLs and {@code /api/v1/heartbeats}. */
class HeartbeatApiTest {

  static final String TOKEN = RunningHeartbeatApi.TOKEN;
  static final String KEY = RunningHeartbeatApi.PING_KEY;

  @RegisterExtension final RunningHeartbeatApi api = new RunningHeartbeatApi();

  private HttpResponse<String> send(HttpRequest.Builder request) {
    return api.send(request);
  }

  private HttpRequest.Builder request(String path, String token) {
    return api.request(path, token);
  }

  private HttpResponse<String> get(String path) {
    return api.get(path);
  }

  private HttpResponse<String> post(String path, String token, String body) {
    return api.post(path, token, body);
  }

  private JsonNode heartbeat(String name) {
    return api.heartbeat(name);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return RunningHeartbeatApi.json(response);
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
    "/ping/webhook-retry",
    "/ping/" + TOKEN + "/start/now",
    "/ping/" + KEY,
    "/ping/" + KEY + "/nightly",
    "/ping/" + KEY + "/data-purge",
    "/ping/" + KEY + "/webhook-retry/later",
    "/ping/k3yk3yk3yk3yk3yk3yk3yx/webhook-retry",
    "/ping/" + TOKEN + "/webhook-retry"
  })
  void aPingWithAWrongTokenIsNotFoundAndRecordsNothing(String path) {
    HttpResponse<String> ping =
        send(request(path, null).POST(HttpRequest.BodyPublishers.ofString("x")));

    assertThat(ping.statusCode()).isEqualTo(404);
    assertThat(ping.body()).isEqualTo("not found");
    assertThat(heartbeat("webhook-retry").get("pings").asInt()).isZero();
    assertThat(heartbeat("data-purge").get("pings").asInt()).isZero();
    assertThatThrownBy(
            () ->
                api.temporal
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

  @ParameterizedTest(name = "/ping/<key>/{0}/{1} pings {2} as a {3}")
  @CsvSource({
    "webhook-retry, '', webhook-retry, SUCCESS",
    "webhook-retry, start, webhook-retry, START",
    "webhook-retry, fail, webhook-retry, FAIL",
    "webhook-retry, log, webhook-retry, LOG",
    "webhook-retry, 0, webhook-retry, SUCCESS",
    "webhook-retry, 1, webhook-retry, FAIL",
    "webhook-retry, 255, webhook-retry, FAIL",
    "purge_weekly, '', data-purge, SUCCESS",
    "purge_weekly, fail, data-purge, FAIL"
  })
  void aSlugUrlWithTheProjectsPingKeyPingsTheHeartbeatOfThatSlug(
      String slug, String suffix, String name, String kind) {
    String path = "/ping/" + KEY + "/" + slug + (suffix.isEmpty() ? "" : "/" + suffix);

    HttpResponse<String> ping = get(path);

    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body()).isEqualTo("OK");
    awaitSignals(name, 1);
    assertThat(heartbeat(name).get("recent").get(0).get("kind").asText()).isEqualTo(kind);
  }

  @ParameterizedTest(name = "{0} {1} answers 200 OK as plain text with Healthchecks.io's headers")
  @CsvSource({
    "GET, /ping/" + TOKEN,
    "HEAD, /ping/" + TOKEN,
    "POST, /ping/" + TOKEN + "/log",
    "GET, /ping/" + KEY + "/webhook-retry",
    "HEAD, /ping/" + KEY + "/webhook-retry/start",
    "POST, /ping/" + KEY + "/webhook-retry/0"
  })
  void everyMethodOnEveryUrlFormAnswersLikeHealthchecks(String method, String path) {
    HttpResponse<String> ping =
        send(request(path, null).method(method, HttpRequest.BodyPublishers.ofString("")));

    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body()).isEqualTo(method.equals("HEAD") ? "" : "OK");
    assertThat(ping.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(ping.headers().firstValue("Ping-Body-Limit")).contains("10000");
    assertThat(ping.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(ping.headers().firstValue("Cache-Control")).contains("no-cache");
    awaitSignals("webhook-retry", 1);
  }

  @ParameterizedTest(name = "{0} answers 400 {1} and records nothing")
  @CsvSource({
    "'/ping/" + TOKEN + "/256', invalid url format",
    "'/ping/" + TOKEN + "/1000', invalid url format",
    "'/ping/" + TOKEN + "/0256', invalid url format",
    "'/ping/" + TOKEN + "/99999999999', invalid url format",
    "'/ping/" + KEY + "/webhook-retry/256', invalid url format",
    "'/ping/" + KEY + "/webhook-retry/99999999999', invalid url format",
    "'/ping/" + KEY + "/Webhook-Retry', invalid url format",
    "'/ping/" + KEY + "/WEBHOOK-RETRY/start', invalid url format",
    "'/ping/" + KEY + "/webhook.retry', invalid url format",
    "'/ping/" + TOKEN + "?rid=run-1', invalid uuid format",
    "'/ping/" + TOKEN + "/start?rid=3f1c2a9e-6b7d-4e8f-9a0b', invalid uuid format",
    "'/ping/" + KEY + "/webhook-retry?rid=run-1', invalid uuid format",
    "'/ping/" + KEY + "/webhook-retry/fail?rid=x', invalid uuid format"
  })
  void anExitStatusAbove255AnInvalidSlugOrARidThatIsNoUuidIsABadRequest(
      String path, String message) {
    HttpResponse<String> ping = get(path);

    assertThat(ping.statusCode()).isEqualTo(400);
    assertThat(ping.body()).isEqualTo(message);
    assertThat(heartbeat("webhook-retry").get("pings").asInt()).isZero();
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
