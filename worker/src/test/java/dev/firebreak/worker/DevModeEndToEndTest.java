package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackChannel;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole product in one JVM, as `./firebreak dev` runs it: embedded Temporal, worker, API and
 * the simulated services, with Slack live against a local fake. One incident is driven through the
 * HTTP API from declaration to the reviewed post-mortem.
 */
class DevModeEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static FakeSlack slack;
  private static DevMode dev;

  @RegisterExtension static final DevModeExtension devMode = new DevModeExtension();

  @BeforeAll
  static void startDevMode() throws IOException {
    slack = devMode.closeAfter(new FakeSlack());
    Map<String, String> env =
        Map.of(
            "SLACK_BOT_TOKEN", slack.token(),
            "SLACK_API_URL", slack.apiUrlPrefix());
    dev = devMode.start(env);
  }

  @Test
  void theRunbooksJobsAreScheduledDryRunAndOneCanRunNow() throws Exception {
    JsonNode jobs = call("GET", "/api/v1/jobs", null, 200);
    assertThat(jobs.findValuesAsText("name"))
        .contains("payment-verification", "webhook-retry", "data-purge");

    call("POST", "/api/v1/jobs/payment-verification/run", "{\"reason\":\"demo\"}", 200);

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                call("GET", "/api/v1/jobs/payment-verification", null, 200)
                    .path("lastSuccess")
                    .isObject());
    JsonNode run = call("GET", "/api/v1/jobs/payment-verification", null, 200).get("lastSuccess");
    assertThat(run.get("dryRun").asBoolean()).isTrue();
    assertThat(run.get("detail").asText())
        .startsWith("dry-run: POST https://app.recoup.com/api/cron/payment-verification");
  }

  @Test
  void theDemoHeartbeatTakesThePingTheBannerPrints() throws Exception {
    String curl = "curl -fsS " + dev.apiUrl() + "/ping/" + DevMode.DEFAULT_DEMO_PING_TOKEN;
    assertThat(dev.banner()).contains(curl);

    HttpResponse<String> ping = send("GET", "/ping/" + DevMode.DEFAULT_DEMO_PING_TOKEN, null);

    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body()).isEqualTo("OK");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> call("GET", "/api/v1/heartbeats/demo-cron", null, 200).path("state").asText(),
            "UP"::equals);
  }

  @Test
  void aShiftTakenOverInTheDemoScheduleIsAHandoffTheIncomingPersonHearsOfInSlack()
      throws Exception {
    JsonNode primary = call("GET", "/api/v1/oncall", null, 200).path("schedules").get(0);
    assertThat(primary.path("schedule").asText()).isEqualTo("primary");
    // Whoever the weekly rotation does not have on call this week takes the next hour over.
    String incoming =
        primary.path("person").path("slackUserId").asText().equals("U0DEMOPRIMARY")
            ? "U0DEMOSECONDARY"
            : "U0DEMOPRIMARY";
    Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    call(
        "POST",
        "/api/v1/oncall/primary/overrides",
        "{\"slackUserId\":\""
            + incoming
            + "\",\"from\":\""
            + from
            + "\",\"to\":\""
            + from.plus(Duration.ofHours(1))
            + "\"}",
        201);

    String directMessages = FakeSlack.directMessageChannelOf(incoming);
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> slack.messages(directMessages), messages -> !messages.isEmpty());
    assertThat(slack.messages(directMessages).get(0).text()).contains("primary");
  }

  @Test
  void theDemoPlaybookMatchesAPaymentIncidentAndItsProbesRunInTheAssessment() throws Exception {
    String id =
        call(
                "POST",
                "/api/v1/incidents",
                "{\"title\":\"Payment failures above 10 %\",\"severity\":\"P2\",\"service\":\"talk-to-my-lawyer\"}",
                201)
            .get("id")
            .asText();
    call("POST", "/api/v1/incidents/" + id + "/ack", "{\"by\":\"alice\"}", 200);

    JsonNode incident = call("GET", "/api/v1/incidents/" + id, null, 200);
    assertThat(incident.get("playbook").get("name").asText()).isEqualTo("payments-down");
    assertThat(incident.get("playbook").get("checklist")).hasSize(4);
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                call("GET", "/api/v1/incidents/" + id, null, 200)
                    .get("timeline")
                    .toString()
                    .contains(
                        "Probe database (http, critical): passed — HTTP 200, $.checks.database == \\\"ok\\\""));
    assertThat(call("GET", "/api/v1/incidents/" + id, null, 200).get("timeline").toString())
        .contains(
            "Probe stripe (status-page, not critical): passed — none (All Systems Operational)");
  }

  @Test
  void theDemoPlaybooksReplayStripeEventsActionRunsAsADryRunThroughTheWebhookRetryJob()
      throws Exception {
    String id =
        call(
                "POST",
                "/api/v1/incidents",
                "{\"title\":\"Payment webhooks failing\",\"severity\":\"P2\",\"service\":\"talk-to-my-lawyer\",\"playbook\":\"payments-down\"}",
                201)
            .get("id")
            .asText();

    String runId =
        call(
                "POST",
                "/api/v1/incidents/" + id + "/actions/replay-stripe-events",
                "{\"parameters\":{\"eventIds\":\"evt_1,evt_2\"},\"reason\":\"demo\"}",
                202)
            .get("runId")
            .asText();

    String run = "/api/v1/incidents/" + id + "/actions/" + runId;
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> call("GET", run, null, 200).get("status").asText().equals("SUCCEEDED"));
    JsonNode done = call("GET", run, null, 200);
    assertThat(done.get("dryRun").asBoolean()).isTrue();
    assertThat(done.get("steps").toString())
        .contains("Batch 1: 2 re-delivered, 0 already delivered, 0 dead-lettered")
        .contains(
            "Dry run: Replayed 2 stripe event(s) to https://app.recoup.com/api/webhooks/stripe");
  }

  @Test
  void anIncidentRunsFromDeclarationToTheReviewedPostMortemThroughTheApi() throws Exception {
    JsonNode declared =
        call(
            "POST",
            "/api/v1/incidents",
            "{\"title\":\"Checkout returns 500\",\"severity\":\"P1\",\"service\":\"recoup-backend\"}",
            201);
    String id = declared.get("id").asText();
    assertThat(declared.get("workflowId").asText()).isEqualTo("incident-" + id);

    await().atMost(Duration.ofSeconds(10)).until(() -> incidentMessages(id).size() == 1);

    JsonNode acked = call("POST", "/api/v1/incidents/" + id + "/ack", "{\"by\":\"alice\"}", 200);
    assertThat(acked.get("acknowledgedBy").asText()).isEqualTo("alice");
    call("POST", "/api/v1/incidents/" + id + "/ack", "{\"by\":\"bob\"}", 409);

    call(
        "POST",
        "/api/v1/incidents/" + id + "/updates",
        "{\"by\":\"alice\",\"text\":\"Webhook secret mismatch\",\"eta\":\"10 min\"}",
        200);

    call("POST", "/dev/services/recoup-backend/health", "{\"healthy\":false}", 200);
    JsonNode refused =
        call("POST", "/api/v1/incidents/" + id + "/resolve", "{\"by\":\"alice\"}", 409);
    assertThat(refused.get("error").asText()).isEqualTo("resolve_refused");
    assertThat(refused.get("message").asText()).contains("database=error");

    call("POST", "/dev/services/recoup-backend/health", "{\"healthy\":true}", 200);
    JsonNode resolved =
        call(
            "POST",
            "/api/v1/incidents/" + id + "/resolve",
            "{\"by\":\"alice\",\"summary\":\"Secret rotated\",\"rootCause\":\"Secret rotated in Stripe only\"}",
            200);
    assertThat(resolved.get("status").asText()).isEqualTo("MONITORING");

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                call("GET", "/api/v1/incidents/" + id, null, 200)
                    .get("status")
                    .asText()
                    .equals("POST_MORTEM"));

    HttpResponse<String> report = send("GET", "/api/v1/incidents/" + id + "/postmortem", null);
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/markdown"));
    assertThat(report.body())
        .startsWith("# Incident Report: Checkout returns 500")
        .contains("## Root Cause\nSecret rotated in Stripe only")
        .contains("Acknowledged by alice");

    JsonNode closed =
        call("POST", "/api/v1/incidents/" + id + "/postmortem/review", "{\"by\":\"bob\"}", 200);
    assertThat(closed.get("status").asText()).isEqualTo("CLOSED");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              FakeSlackMessage card = incidentMessages(id).get(0);
              assertThat(card.text()).contains(id);
              FakeSlackChannel room = slack.channel(card.channelId()).orElseThrow();
              assertThat(room.name()).startsWith(id.toLowerCase() + "-checkout-returns-500");
              assertThat(room.topic()).isEqualTo("P1 · Closed · commander alice");
              assertThat(room.members()).contains("U0DEMOPRIMARY");
              assertThat(room.bookmarks())
                  .singleElement()
                  .satisfies(
                      bookmark -> assertThat(bookmark.title()).isEqualTo("Post-mortem " + id));
              assertThat(slack.messages(FakeSlack.DEFAULT_CHANNEL_ID))
                  .filteredOn(m -> (id + "/room-announcement").equals(m.metadataValue("key")))
                  .singleElement()
                  .satisfies(
                      announcement ->
                          assertThat(announcement.text()).contains("<#" + room.id() + ">"));
              assertThat(slack.messages(room.id()))
                  .extracting(FakeSlackMessage::text)
                  .anyMatch(t -> t.contains("Assessment: "));
              List<FakeSlackMessage> thread = slack.replies(room.id(), card.ts());
              List<String> texts = thread.stream().map(FakeSlackMessage::text).toList();
              assertThat(texts).anyMatch(t -> t.contains("Acknowledged by alice"));
              assertThat(texts)
                  .anyMatch(t -> t.contains("UPDATE from alice: Webhook secret mismatch"));
              assertThat(texts).anyMatch(t -> t.contains("Resolve refused"));
              assertThat(texts).anyMatch(t -> t.contains("Resolved by alice"));
              List<String> keys =
                  slack.messages(room.id()).stream()
                      .map(m -> m.metadataValue("key"))
                      .filter(k -> k != null && k.startsWith(id))
                      .toList();
              List<String> replyKeys = thread.stream().map(m -> m.metadataValue("key")).toList();
              assertThat(replyKeys).doesNotHaveDuplicates();
              assertThat(keys).doesNotHaveDuplicates();
            });
    assertThat(incidentMessages(id)).hasSize(1);
  }

  @Test
  void badInputGetsAClearErrorAndStartsNothing() throws Exception {
    JsonNode unknown =
        call(
            "POST",
            "/api/v1/incidents",
            "{\"title\":\"x\",\"severity\":\"P1\",\"service\":\"no-such-service\"}",
            400);
    assertThat(unknown.get("message").asText())
        .contains("no-such-service")
        .contains("recoup-backend");
    call("POST", "/api/v1/incidents", "{not json", 400);
    assertThat(send("GET", "/api/v1/incidents", null, "wrong-token").statusCode()).isEqualTo(401);
    JsonNode health = call("GET", "/healthz", null, 200);
    assertThat(health.get("temporal").asText()).isEqualTo("ok");
  }

  /** The incident message wherever it is: in the incident's room, found by its key. */
  private static List<FakeSlackMessage> incidentMessages(String id) {
    return slack.channels().stream()
        .flatMap(channel -> slack.messages(channel.id()).stream())
        .filter(m -> (id + "/incident-message").equals(m.metadataValue("key")))
        .toList();
  }

  private static JsonNode call(String method, String path, String body, int expectedStatus)
      throws Exception {
    HttpResponse<String> response = send(method, path, body);
    assertThat(response.statusCode())
        .as(method + " " + path + " → " + response.body())
        .isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    return send(method, path, body, DevMode.DEFAULT_DEV_TOKEN);
  }

  private static HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(dev.apiUrl() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
