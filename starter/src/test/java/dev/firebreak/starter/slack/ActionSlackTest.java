package dev.firebreak.starter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.notify.IncidentActions;
import dev.firebreak.workflows.notify.IncidentRoomName;
import dev.firebreak.workflows.playbook.ActionRunStatus;
import dev.firebreak.workflows.playbook.ActionRunView;
import dev.firebreak.workflows.playbook.ActionRunWorkflow;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Playbook actions from Slack, through signed requests against a stand-in run: {@code /incident
 * run}, the playbook card's buttons with their confirm questions, the Approve and Refuse buttons of
 * an approval request, the parameter form's submission, and forged requests that change nothing.
 */
class ActionSlackTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DECLARED = Pattern.compile("declared \\*(INC-\\d{8}-\\d+)\\*");
  private static final Pattern RUN = Pattern.compile("`(action-INC-[^`]+)`");
  private static final String NOWHERE = "http://127.0.0.1:9/commands/T0FAKE/unused";

  @RegisterExtension final RunningSlack slack = new RunningSlack();

  /** Where an answer goes when the machine is too busy to give it within the inline budget. */
  private final ResponseUrlCatcher late = new ResponseUrlCatcher();

  @AfterEach
  void closeCatcher() {
    late.close();
  }

  private String declareWithPayments() throws IOException {
    String id =
        idIn(text(command("declare P2 recoup-backend Checkout <!channel> errors", "U0ALICE")));
    JsonNode attached = answer(command("playbook " + id + " payments", "U0ALICE"));
    assertThat(attached.get("text").asText()).contains("Payment processing broken");
    // Attaching shows the card with its buttons at once.
    assertThat(attached.get("blocks").toString()).contains("playbook_action:circuit-breaker");
    return id;
  }

  @Test
  void runInTheIncidentsChannelStartsTheActionWithItsParametersAsTheTypingUser()
      throws IOException {
    String id = declareWithPayments();
    String room = IncidentRoomName.of(id, "Checkout <!channel> errors");

    JsonNode answer = answer(command("run scale count=3", "U0ALICE", room));

    assertThat(answer.get("response_type").asText()).isEqualTo("in_channel");
    assertThat(answer.get("text").asText())
        .startsWith("▶️ <@U0ALICE> ran `scale` for *" + id + "* (`action-" + id + "-slack-");
    ActionRunView run = run(runIn(answer.get("text").asText()));
    assertThat(run.parameters()).isEqualTo(Map.of("count", "3"));
    assertThat(run.requestedBy()).isEqualTo("U0ALICE");
    assertThat(incident(id).timeline())
        .anyMatch(e -> "action-requested".equals(e.kind()) && "U0ALICE".equals(e.actor()));
  }

  @Test
  void badParametersAnUnknownActionAndAViewerAreAnsweredAndStartNothing() throws IOException {
    String id = declareWithPayments();

    String outOfBounds = text(command("run " + id + " scale count=99", "U0ALICE"));
    String notAPair = text(command("run " + id + " scale 99", "U0ALICE"));
    String unknown = text(command("run " + id + " <!here>", "U0ALICE"));
    String viewer = text(command("run " + id + " close-breaker", "U0VIEWER"));

    assertThat(outOfBounds)
        .isEqualTo("Could not run *" + id + "*: Parameter \"count\" must be at most 10.");
    assertThat(notAPair).startsWith("'99' is not name=value.");
    assertThat(unknown)
        .startsWith("Could not run *" + id + "*: Playbook payments has no action '&lt;!here&gt;'");
    assertThat(viewer).contains("`/incident run` needs the responder role");
    assertThat(incident(id).timeline()).noneMatch(e -> "action-requested".equals(e.kind()));
  }

  @Test
  void thePlaybookCardHasAButtonPerActionThatAsksTheActionsConfirmQuestion() throws IOException {
    String id = declareWithPayments();

    JsonNode card = answer(command("playbook " + id, "U0ALICE"));

    assertThat(card.get("text").asText()).contains("follows *Payment processing broken*");
    JsonNode blocks = card.get("blocks");
    assertThat(blocks.get(0).path("text").path("text").asText())
        .isEqualTo("📖 *" + id + "* follows *Payment processing broken* (`payments`)");
    JsonNode checklist = blocks.get(1).path("elements").get(0);
    assertThat(checklist.path("type").asText()).isEqualTo("checkboxes");
    assertThat(checklist.path("action_id").asText()).isEqualTo("playbook_checklist:0");
    assertThat(checklist.path("options").get(0).path("text").path("text").asText())
        .isEqualTo("1. Check Stripe's status");
    assertThat(checklist.path("options").get(0).path("value").asText()).isEqualTo(id + "#1");
    JsonNode buttons = blocks.get(2).path("elements");
    assertThat(buttons)
        .extracting(b -> b.path("action_id").asText())
        .containsExactly(
            "playbook_action:circuit-breaker",
            "playbook_action:close-breaker",
            "playbook_action:scale",
            "playbook_action:restart",
            "playbook_action:verify-payments",
            "playbook_action:replay-stripe-events",
            "playbook_action:sync-collections");
    assertThat(buttons).extracting(b -> b.path("value").asText()).containsOnly(id);
    assertThat(buttons.get(0).path("text").path("text").asText())
        .isEqualTo("Serve mock data (needs approval)");
    assertThat(buttons.get(0).path("confirm").path("text").path("text").asText())
        .isEqualTo("Switch checkout to mock data?");
    assertThat(buttons.get(1).has("confirm")).isFalse();
  }

  @Test
  void aCardButtonRunsAnActionAndTheApprovalButtonsLetSomeoneElseDecide() throws IOException {
    String id = declareWithPayments();
    try (ResponseUrlCatcher answers = new ResponseUrlCatcher()) {
      slack.requests.click(
          IncidentActions.RUN_PLAYBOOK_ACTION + "circuit-breaker", id, "U0ALICE", answers.url());
      await().atMost(Duration.ofSeconds(30)).until(() -> answers.texts().size() == 1);
      String runId = runIn(answers.texts().get(0));
      assertThat(answers.texts().get(0))
          .contains("awaiting approval; someone else must approve it");

      slack.requests.click(IncidentActions.APPROVE_ACTION_RUN, runId, "U0ALICE", answers.url());
      await().atMost(Duration.ofSeconds(30)).until(() -> answers.texts().size() == 2);
      slack.requests.click(IncidentActions.APPROVE_ACTION_RUN, runId, "U0VIEWER", answers.url());
      await().atMost(Duration.ofSeconds(30)).until(() -> answers.texts().size() == 3);
      slack.requests.click(IncidentActions.APPROVE_ACTION_RUN, runId, "U0BOB", answers.url());
      await().atMost(Duration.ofSeconds(30)).until(() -> answers.texts().size() == 4);
      slack.requests.click(
          IncidentActions.APPROVE_ACTION_RUN, "incident-" + id, "U0BOB", answers.url());
      await().atMost(Duration.ofSeconds(30)).until(() -> answers.texts().size() == 5);

      assertThat(answers.texts().get(1))
          .isEqualTo(
              "Could not approve `"
                  + runId
                  + "`: <@U0ALICE> asked for this run of circuit-breaker, so someone else must"
                  + " approve it.");
      assertThat(answers.texts().get(2)).contains("needs one of the roles responder");
      assertThat(answers.texts().get(3))
          .isEqualTo("✅ <@U0BOB> approved `circuit-breaker` (`" + runId + "`); it runs now.");
      assertThat(answers.texts().get(4))
          .isEqualTo(
              "Could not approve `incident-"
                  + id
                  + "`: There is no action run 'incident-"
                  + id
                  + "'.");
      assertThat(run(runId).approvedBy()).isEqualTo("U0BOB");
    }
  }

  @Test
  void tickingACardsCheckboxTicksThatStepOnceAsTheClickingUser() throws IOException {
    String id = declareWithPayments();
    List<String> stepOne = List.of(id + "#1");
    String checklist = IncidentActions.TICK_CHECKLIST + "0";
    try (ResponseUrlCatcher answers = new ResponseUrlCatcher()) {
      String ticked =
          answered(
              answers, () -> slack.requests.tick(checklist, stepOne, "U0ALICE", answers.url()));
      // Another copy of the card still shows the step unticked; ticking it there changes nothing.
      String again =
          answered(answers, () -> slack.requests.tick(checklist, stepOne, "U0BOB", answers.url()));
      String viewer =
          answered(
              answers, () -> slack.requests.tick(checklist, stepOne, "U0VIEWER", answers.url()));

      assertThat(ticked).isEqualTo("☑️ Ticked step 1 of *" + id + "*'s checklist.");
      assertThat(again).contains("Nothing new to tick");
      assertThat(viewer).contains("needs the responder role");
    }
    IncidentView incident = incident(id);
    assertThat(incident.playbook().checklist().get(0).tickedBy()).isEqualTo("U0ALICE");
    assertThat(incident.timeline()).filteredOn(e -> "checklist".equals(e.kind())).hasSize(1);
  }

  @Test
  void undoOnASucceededRunsReportRunsItsUndoOnceAsTheClickingUser() throws IOException {
    String id = declareWithPayments();
    try (ResponseUrlCatcher answers = new ResponseUrlCatcher()) {
      String runId =
          runIn(
              clicked(
                  answers, IncidentActions.RUN_PLAYBOOK_ACTION + "circuit-breaker", id, "U0ALICE"));
      String tooEarly = clicked(answers, IncidentActions.UNDO_ACTION_RUN, runId, "U0BOB");
      clicked(answers, IncidentActions.APPROVE_ACTION_RUN, runId, "U0BOB");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> run(runId).status() == ActionRunStatus.SUCCEEDED);

      String undone = clicked(answers, IncidentActions.UNDO_ACTION_RUN, runId, "U0BOB");
      String twice = clicked(answers, IncidentActions.UNDO_ACTION_RUN, runId, "U0ALICE");

      assertThat(tooEarly)
          .startsWith(
              "Could not undo `" + runId + "`: Action run " + runId + " has nothing to undo");
      assertThat(undone).startsWith("↩️ <@U0BOB> undid `" + runId + "` (`");
      String undoId = runIn(undone.substring(undone.indexOf("(`")));
      assertThat(twice).contains("was already undone (`" + undoId + "`)");
      ActionRunView undo = run(undoId);
      assertThat(undo.action()).isEqualTo("close-breaker");
      assertThat(undo.undoes()).isEqualTo(runId);
      assertThat(undo.requestedBy()).isEqualTo("U0BOB");
    }
  }

  @Test
  void aCardButtonForAnActionWithParametersNeedsTheFormAndOneForAnUnknownActionIsRefused()
      throws IOException {
    String id = declareWithPayments();
    try (ResponseUrlCatcher answers = new ResponseUrlCatcher()) {
      slack.requests.click(
          IncidentActions.RUN_PLAYBOOK_ACTION + "scale", id, "U0ALICE", answers.url());
      await().atMost(Duration.ofSeconds(30)).until(() -> answers.texts().size() == 1);

      slack.requests.click(
          IncidentActions.RUN_PLAYBOOK_ACTION + "nope", id, "U0ALICE", answers.url());
      await().atMost(Duration.ofSeconds(30)).until(() -> answers.texts().size() == 2);

      assertThat(answers.texts().get(0))
          .isEqualTo(
              "Could not open the form for `scale` (it needs Slack's bot token); use "
                  + SlashVerb.RUN.usageLine());
      assertThat(answers.texts().get(1))
          .startsWith("Could not run *" + id + "*: Playbook payments has no action 'nope'");
    }
    assertThat(incident(id).timeline()).noneMatch(e -> "action-requested".equals(e.kind()));
  }

  @Test
  void theParameterFormRunsTheActionAndBadValuesAreShownUnderTheirField() throws IOException {
    String id = declareWithPayments();
    try (ResponseUrlCatcher answers = new ResponseUrlCatcher()) {
      String metadata = id + "\n" + answers.url() + "\nscale";

      HttpResponse<String> refused =
          slack.requests.submit(
              SlackForms.ACTION, metadata, Map.of("param:count", "eleven"), "U0ALICE");
      HttpResponse<String> accepted =
          slack.requests.submit(SlackForms.ACTION, metadata, Map.of("param:count", "4"), "U0ALICE");
      await().atMost(Duration.ofSeconds(30)).until(() -> answers.texts().size() == 1);

      assertThat(JSON.readTree(refused.body()).get("response_action").asText()).isEqualTo("errors");
      assertThat(JSON.readTree(refused.body()).get("errors").get("param:count").asText())
          .isEqualTo("Parameter \"count\" must be a whole number, not \"eleven\".");
      assertThat(accepted.statusCode()).isEqualTo(200);
      String runId = runIn(answers.texts().get(0));
      assertThat(run(runId).parameters()).isEqualTo(Map.of("count", "4"));
    }
  }

  @Test
  void aForgedClickTickUndoOrFormIsRefusedWith401AndChangesNothing() throws IOException {
    String id = declareWithPayments();
    SlackRequests forger = new SlackRequests("http://127.0.0.1:" + slack.server.port(), "guess");

    HttpResponse<String> click =
        forger.click(IncidentActions.RUN_PLAYBOOK_ACTION + "close-breaker", id, "U0ALICE", NOWHERE);
    HttpResponse<String> form =
        forger.submit(
            SlackForms.ACTION, id + "\n" + NOWHERE + "\nscale", Map.of("param:count", "2"), "U0A");
    HttpResponse<String> command =
        forger.command("run " + id + " close-breaker", "U0ALICE", "general", NOWHERE);
    HttpResponse<String> tick =
        forger.tick(IncidentActions.TICK_CHECKLIST + "0", List.of(id + "#1"), "U0ALICE", NOWHERE);
    HttpResponse<String> undo =
        forger.click(IncidentActions.UNDO_ACTION_RUN, "action-" + id + "-k1", "U0ALICE", NOWHERE);

    assertThat(List.of(click, form, command, tick, undo))
        .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
    assertThat(incident(id).timeline())
        .noneMatch(e -> "action-requested".equals(e.kind()) || "checklist".equals(e.kind()));
    assertThat(incident(id).playbook().checklist().get(0).ticked()).isFalse();
  }

  /** Clicks a button and waits for the answer on the response_url. */
  private String clicked(ResponseUrlCatcher answers, String actionId, String value, String user) {
    return answered(answers, () -> slack.requests.click(actionId, value, user, answers.url()));
  }

  /** Sends a signed interaction and waits for its answer on the response_url. */
  private static String answered(ResponseUrlCatcher answers, Runnable interaction) {
    int before = answers.texts().size();
    interaction.run();
    await().atMost(Duration.ofSeconds(30)).until(() -> answers.texts().size() > before);
    return answers.texts().get(before);
  }

  private HttpResponse<String> command(String text, String user) {
    return command(text, user, "general");
  }

  private HttpResponse<String> command(String text, String user, String channel) {
    return slack.requests.command(text, user, channel, late.url());
  }

  /** The answer: inline, or on the response_url when the inline budget ran out. */
  private JsonNode answer(HttpResponse<String> response) throws IOException {
    JsonNode inline = JSON.readTree(response.body());
    if (!inline.path("text").asText().startsWith("⏳")) {
      return inline;
    }
    int before = late.received().size();
    await().atMost(Duration.ofSeconds(15)).until(() -> late.received().size() > before);
    return late.received().get(before);
  }

  private String text(HttpResponse<String> response) throws IOException {
    return answer(response).get("text").asText();
  }

  private static String runIn(String text) {
    Matcher matcher = RUN.matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    return matcher.group(1);
  }

  private IncidentView incident(String id) {
    return slack.incident(id);
  }

  private ActionRunView run(String runId) {
    return slack
        .api
        .temporal
        .getWorkflowClient()
        .newWorkflowStub(ActionRunWorkflow.class, runId)
        .state();
  }

  private static String idIn(String text) {
    Matcher matcher = DECLARED.matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    return matcher.group(1);
  }
}
