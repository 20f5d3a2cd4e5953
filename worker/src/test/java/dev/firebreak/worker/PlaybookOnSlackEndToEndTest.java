package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.activities.fakes.FakeVercel;
import dev.firebreak.starter.slack.SlackRequests;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.notify.IncidentActions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #15's "done when", in Slack against `./firebreak dev` with the demo config and the fakes: a
 * payment incident gets the demo's payments-down playbook, its card in the incident's channel shows
 * the checklist and the action buttons; one person clicks the circuit breaker, another approves it,
 * the run sets the variable on Vercel, redeploys once and is verified; Undo on its report reverts
 * it, and the post-mortem tells both runs.
 */
class PlaybookOnSlackEndToEndTest {

  private static final String SECRET = "playbook-signing-secret";
  private static final String PROJECT = "prj_demo_talk_to_my_lawyer";
  private static final Instant T0 = Instant.parse("2026-12-04T03:00:00Z");
  private static final Pattern DECLARED = Pattern.compile("declared \\*(INC-\\d{8}-\\d+)\\*");
  private static final Pattern RUN = Pattern.compile("`(action-INC-[^`]+)`");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger ANSWERS = new AtomicInteger();

  private static FakeSlack slack;
  private static FakeVercel vercel;
  private static DevMode dev;
  private static DevApi api;
  private static SlackRequests requests;

  @RegisterExtension static final DevModeExtension devMode = new DevModeExtension();

  @BeforeAll
  static void startDevMode() {
    slack = devMode.closeAfter(new FakeSlack());
    vercel =
        devMode
            .closeAfter(new FakeVercel("vercel-token", null))
            .productionDeploy(PROJECT, "dpl_live", T0, "READY", "aaa");
    vercel.builds().takes(2, Duration.ZERO);
    dev =
        devMode.start(
            FakeSlackEnvironment.of(
                slack,
                SECRET,
                Map.of("VERCEL_TOKEN", "vercel-token", "VERCEL_API_URL", vercel.baseUrl())));
    api = new DevApi(dev.apiUrl());
    requests = new SlackRequests(dev.apiUrl(), SECRET);
  }

  @Test
  void aResponderRunsTheCircuitBreakerWithASecondPersonsApprovalUndoesItAndThePostMortemSaysSo()
      throws Exception {
    String id =
        idIn(
            answer(
                url ->
                    requests.command(
                        "declare P1 talk-to-my-lawyer Checkout payments failing",
                        "U0ALICE",
                        "incidents",
                        url)));

    // The card in the incident's channel: the checklist as checkboxes, a button per action.
    FakeSlackMessage card = awaitMessage(m -> blocksOf(m).contains("playbook_checklist:0"));
    assertThat(card.metadataValue("incident_id")).isEqualTo(id);
    assertThat(blocksOf(card))
        .contains("\"type\":\"checkboxes\"", "Check Stripe's status page")
        .contains(
            IncidentActions.RUN_PLAYBOOK_ACTION + "circuit-breaker",
            IncidentActions.RUN_PLAYBOOK_ACTION + "close-circuit-breaker");

    String started =
        answer(
            url ->
                requests.click(
                    IncidentActions.RUN_PLAYBOOK_ACTION + "circuit-breaker", id, "U0ALICE", url));
    String runId = runIn(started);
    assertThat(started).contains("awaiting approval");

    // The approval request in the channel, decided by someone else.
    FakeSlackMessage approval =
        awaitMessage(m -> blocksOf(m).contains(IncidentActions.APPROVE_ACTION_RUN));
    assertThat(blocksOf(approval)).contains(runId);
    assertThat(
            answer(url -> requests.click(IncidentActions.APPROVE_ACTION_RUN, runId, "U0BOB", url)))
        .contains("approved");
    awaitStatus(id, runId, "SUCCEEDED");
    assertThat(vercel.productionValue(PROJECT, "ENABLE_MOCK_DATA")).isEqualTo("true");
    assertThat(vercel.redeploysStarted()).hasSize(1);

    // Its report offers Undo; the undo run serves real data again.
    awaitMessage(
        m -> blocksOf(m).contains(IncidentActions.UNDO_ACTION_RUN) && blocksOf(m).contains(runId));
    String undone =
        answer(url -> requests.click(IncidentActions.UNDO_ACTION_RUN, runId, "U0BOB", url));
    String undoId = runIn(undone.substring(undone.indexOf("(`")));
    awaitStatus(id, undoId, "SUCCEEDED");
    assertThat(vercel.productionValue(PROJECT, "ENABLE_MOCK_DATA")).isNull();

    String postMortem =
        dev.process()
            .client()
            .newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId(id))
            .postMortem();
    assertThat(postMortem).contains(runId, undoId, "approved by U0BOB", "ENABLE_MOCK_DATA");
  }

  /**
   * Sends a signed request with a fresh response_url and returns its answer: inline when the work
   * beat the inline budget, otherwise the one that follows by response_url (a click's always does).
   */
  private static String answer(Function<String, HttpResponse<String>> request) throws Exception {
    String url = slack.responseUrl("answer-" + ANSWERS.incrementAndGet());
    HttpResponse<String> response = request.apply(url);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String inline =
        response.body().isBlank() ? "" : JSON.readTree(response.body()).path("text").asText();
    if (!inline.isEmpty() && !inline.startsWith("⏳")) {
      return inline;
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> !slack.responses(url).isEmpty());
    return slack.responses(url).get(0).path("text").asText();
  }

  private static FakeSlackMessage awaitMessage(Predicate<FakeSlackMessage> which) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> slack.everyMessage().stream().anyMatch(which));
    return slack.everyMessage().stream().filter(which).findFirst().orElseThrow();
  }

  private static void awaitStatus(String id, String runId, String status) {
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(
                        api.call("GET", "/api/v1/incidents/" + id + "/actions/" + runId, null, 200)
                            .get("status")
                            .asText())
                    .isEqualTo(status));
  }

  private static String blocksOf(FakeSlackMessage message) {
    return Optional.ofNullable(message.blocks()).map(JsonNode::toString).orElse("");
  }

  private static String runIn(String text) {
    Matcher matcher = RUN.matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    return matcher.group(1);
  }

  private static String idIn(String text) {
    Matcher matcher = DECLARED.matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    return matcher.group(1);
  }
}
