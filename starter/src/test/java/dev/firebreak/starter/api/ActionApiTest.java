package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Playbook actions through the API, against a stand-in run (approval when the action asks for it,
 * else success): run, show, approve by another person, refuse, undo, and every bad request refused
 * with a clear 4xx that starts nothing.
 */
class ActionApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final RunningApi api = new RunningApi();

  private String declare(String extra) {
    HttpResponse<String> declared =
        api.post(
            IncidentRoutes.BASE,
            "responder-token",
            "{\"title\":\"Checkout errors\",\"severity\":\"P2\",\"service\":\"recoup-backend\""
                + extra
                + "}");
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    return json(declared).get("id").asText();
  }

  private String actions(String id) {
    return IncidentRoutes.BASE + "/" + id + "/actions";
  }

  private HttpResponse<String> run(String id, String action, String token, String body) {
    return api.post(actions(id) + "/" + action, token, body);
  }

  private HttpResponse<String> runWithKey(String id, String action, String key, String body) {
    return api.send(
        api.request(actions(id) + "/" + action, "responder-token")
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void aResponderRunsAnActionWithParametersAndTheRunAndTheIncidentShowIt() {
    String id = declare(",\"playbook\":\"payments\"");

    HttpResponse<String> started =
        run(id, "scale", "responder-token", "{\"parameters\":{\"count\":3},\"reason\":\"load\"}");

    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String runId = json(started).get("runId").asText();
    assertThat(runId).startsWith("action-" + id + "-");
    assertThat(json(started).get("status").asText()).isIn("RUNNING", "SUCCEEDED");
    JsonNode run = json(api.get(actions(id) + "/" + runId, "viewer-token"));
    assertThat(run.get("action").asText()).isEqualTo("scale");
    assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.get("parameters").get("count").asText()).isEqualTo("3");
    assertThat(run.get("reason").asText()).isEqualTo("load");
    assertThat(run.get("requestedBy").asText()).isEqualTo("alice");
    JsonNode incident = json(api.get(IncidentRoutes.BASE + "/" + id, "viewer-token"));
    assertThat(incident.get("actionRuns")).extracting(JsonNode::asText).containsExactly(runId);
    assertThat(incident.get("title").asText()).isEqualTo("Checkout errors");
  }

  @Test
  void aJobActionRunsTheConfiguredJobOnceAndTheRunShowsTheJobsResult() {
    api.scheduleTheConfiguredJobs();
    String id = declare(",\"playbook\":\"payments\"");

    HttpResponse<String> started = run(id, "verify-payments", "responder-token", "{}");

    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String run = actions(id) + "/" + json(started).get("runId").asText();
    awaitStatus(run, "SUCCEEDED");
    assertThat(api.jobCalls.calls).hasSize(1);
    assertThat(json(api.get(run, "viewer-token")).get("steps").toString())
        .contains("Asked job payment-verification to run now: run #1 started")
        .contains("Job payment-verification run #1 succeeded");
  }

  @Test
  void aJobActionGivesTheJobTheParametersItsWithFillsFromTheActionsOwn() {
    api.scheduleTheConfiguredJobs();
    String id = declare(",\"playbook\":\"payments\"");

    HttpResponse<String> started =
        run(id, "sync-collections", "responder-token", "{\"parameters\":{\"days\":3}}");

    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String run = actions(id) + "/" + json(started).get("runId").asText();
    awaitStatus(run, "SUCCEEDED");
    assertThat(api.jobCalls.calls)
        .singleElement()
        .satisfies(
            call ->
                assertThat(call.action().url())
                    .isEqualTo("https://app.recoup.test/api/cron/collections?since=3d"));
    assertThat(json(api.get(run, "viewer-token")).get("steps").toString())
        .contains("Job collections-sync run #1 succeeded");
  }

  @Test
  void aReplayWebhooksActionReDeliversTheAskedEventsOnceEach() {
    String id = declare(",\"playbook\":\"payments\"");

    HttpResponse<String> started =
        run(
            id,
            "replay-stripe-events",
            "responder-token",
            "{\"parameters\":{\"eventIds\":\"evt_0000,evt_0002\"}}");

    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String run = actions(id) + "/" + json(started).get("runId").asText();
    awaitStatus(run, "SUCCEEDED");
    assertThat(api.stripe.deliveries).isEqualTo(Map.of("evt_0000", 1, "evt_0002", 1));
    assertThat(api.stripe.batches)
        .singleElement()
        .satisfies(
            batch ->
                assertThat(batch.endpointUrl())
                    .isEqualTo("https://app.recoup.test/api/webhooks/stripe"));
    assertThat(json(api.get(run, "viewer-token")).get("steps").toString())
        .contains("Batch 1: 2 re-delivered, 0 already delivered, 0 dead-lettered");
  }

  @Test
  void anActionThatNeedsApprovalWaitsForAnotherPersonWhileTheRequesterAndAViewerAreRefused() {
    String id = declare(",\"playbook\":\"payments\"");
    HttpResponse<String> started = run(id, "circuit-breaker", "responder-token", "{}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    assertThat(json(started).get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    String run = actions(id) + "/" + json(started).get("runId").asText();

    HttpResponse<String> byRequester = api.post(run + "/approve", "responder-token", "{}");
    HttpResponse<String> byViewer = api.post(run + "/approve", "viewer-token", "{}");
    HttpResponse<String> approved =
        api.post(run + "/approve", "admin-token", "{\"comment\":\"go\"}");
    HttpResponse<String> again = api.post(run + "/refuse", "admin-token", "{}");

    assertThat(byRequester.statusCode()).isEqualTo(403);
    assertThat(json(byRequester).get("message").asText())
        .isEqualTo(
            "token 'alice' asked for this run of circuit-breaker, so someone else must approve it.");
    assertThat(byViewer.statusCode()).isEqualTo(403);
    assertThat(json(byViewer).get("error").asText()).isEqualTo("forbidden");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(json(approved).get("approvedBy").asText()).isEqualTo("ci");
    assertThat(json(approved).get("status").asText()).isNotEqualTo("AWAITING_APPROVAL");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("message").asText())
        .endsWith("; only a run awaiting approval can be approved or refused.");
    awaitStatus(run, "SUCCEEDED");
  }

  @Test
  void aRefusedRunEndsAndASucceededOneIsUndoneByItsUndoAction() {
    String id = declare(",\"playbook\":\"payments\"");
    String refused =
        json(run(id, "circuit-breaker", "responder-token", "{}")).get("runId").asText();
    String approved =
        json(run(id, "circuit-breaker", "responder-token", "{}")).get("runId").asText();

    HttpResponse<String> refusal =
        api.post(actions(id) + "/" + refused + "/refuse", "admin-token", "{}");
    api.post(actions(id) + "/" + approved + "/approve", "admin-token", "{}");
    awaitStatus(actions(id) + "/" + approved, "SUCCEEDED");
    HttpResponse<String> undoRefused =
        api.post(actions(id) + "/" + refused + "/undo", "responder-token", "{}");
    HttpResponse<String> undo =
        api.post(actions(id) + "/" + approved + "/undo", "responder-token", "{}");
    HttpResponse<String> undoAgain =
        api.post(actions(id) + "/" + approved + "/undo", "responder-token", "{}");

    assertThat(json(refusal).get("status").asText()).isEqualTo("REFUSED");
    assertThat(json(refusal).get("refusedBy").asText()).isEqualTo("ci");
    assertThat(undoRefused.statusCode()).isEqualTo(409);
    assertThat(undo.statusCode()).as(undo.body()).isEqualTo(202);
    assertThat(json(undoAgain).get("runId").asText()).isEqualTo(json(undo).get("runId").asText());
    JsonNode undoRun =
        json(api.get(actions(id) + "/" + json(undo).get("runId").asText(), "viewer-token"));
    assertThat(undoRun.get("action").asText()).isEqualTo("close-breaker");
    assertThat(undoRun.get("undoes").asText()).isEqualTo(approved);
  }

  @Test
  void aRoleTheActionDoesNotGrantAnUnknownActionOrNoPlaybookIsRefusedAndStartsNothing() {
    String id = declare(",\"playbook\":\"payments\"");
    String bare = declare("");

    HttpResponse<String> viewer = run(id, "close-breaker", "viewer-token", "{}");
    HttpResponse<String> adminOnly = run(id, "restart", "responder-token", "{}");
    HttpResponse<String> unknown = run(id, "reboot-the-world", "responder-token", "{}");
    HttpResponse<String> noPlaybook = run(bare, "restart", "admin-token", "{}");
    HttpResponse<String> noRun = api.get(actions(id) + "/action-" + id + "-nope", "viewer-token");

    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(adminOnly.statusCode()).isEqualTo(403);
    assertThat(json(adminOnly).get("message").asText())
        .isEqualTo(
            "Running restart needs one of the roles admin, which token 'alice' does not have.");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("message").asText())
        .isEqualTo(
            "Playbook payments has no action 'reboot-the-world'; its actions: circuit-breaker,"
                + " close-breaker, scale, restart, verify-payments, replay-stripe-events,"
                + " sync-collections.");
    assertThat(noPlaybook.statusCode()).isEqualTo(409);
    assertThat(json(noPlaybook).get("error").asText()).isEqualTo("no_playbook");
    assertThat(noRun.statusCode()).isEqualTo(404);
    assertThat(json(api.get(IncidentRoutes.BASE + "/" + id, "viewer-token")).get("actionRuns"))
        .isEmpty();
  }

  @Test
  void aClosedIncidentsActionsNoLongerRun() {
    String id = declare(",\"playbook\":\"payments\"");
    api.post(IncidentRoutes.BASE + "/" + id + "/resolve", "responder-token", "{}");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                json(api.get(IncidentRoutes.BASE + "/" + id, "viewer-token"))
                    .get("status")
                    .asText()
                    .equals("POST_MORTEM"));
    api.post(IncidentRoutes.BASE + "/" + id + "/postmortem/review", "responder-token", "{}");
    api.temporal
        .getWorkflowClient()
        .newUntypedWorkflowStub("incident-" + id)
        .getResult(Object.class);

    HttpResponse<String> refused = run(id, "close-breaker", "responder-token", "{}");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(json(refused).get("message").asText())
        .isEqualTo("Incident " + id + " is closed; its playbook's actions can no longer run.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|Parameter \"count\" is required.",
        "{\"count\":\"three\"}|Parameter \"count\" must be a whole number, not \"three\".",
        "{\"count\":0}|Parameter \"count\" must be at least 1.",
        "{\"count\":11}|Parameter \"count\" must be at most 10.",
        "{\"count\":2,\"size\":\"x\"}|Unknown parameter \"size\"; it takes count.",
        "{\"count\":\"${SECRET}\"}|Parameter \"count\" may not contain \"${\"."
      })
  void parametersTheActionDoesNotAcceptAre422WithEachProblemAndStartNothing(
      String parameters, String problem) {
    String id = declare(",\"playbook\":\"payments\"");

    HttpResponse<String> refused =
        run(id, "scale", "responder-token", "{\"parameters\":" + parameters + "}");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(json(refused).get("error").asText()).isEqualTo("invalid_parameters");
    assertThat(json(refused).get("message").asText()).contains(problem);
    assertThat(json(api.get(IncidentRoutes.BASE + "/" + id, "viewer-token")).get("actionRuns"))
        .isEmpty();
  }

  @Test
  void aRepeatedKeyFindsItsRunAndTheSameKeyWithAnotherBodyIs422() {
    String id = declare(",\"playbook\":\"payments\"");

    HttpResponse<String> first = runWithKey(id, "scale", "k-1", "{\"parameters\":{\"count\":2}}");
    HttpResponse<String> retry = runWithKey(id, "scale", "k-1", "{\"parameters\":{\"count\":2}}");
    HttpResponse<String> other = runWithKey(id, "scale", "k-1", "{\"parameters\":{\"count\":4}}");
    HttpResponse<String> otherAction = runWithKey(id, "close-breaker", "k-1", "{}");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(json(first).get("runId").asText()).isEqualTo("action-" + id + "-k-1");
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(json(retry).get("runId").asText()).isEqualTo(json(first).get("runId").asText());
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(json(other).get("error").asText()).isEqualTo("idempotency_key_reused");
    assertThat(otherAction.statusCode()).isEqualTo(422);
    assertThat(json(api.get(IncidentRoutes.BASE + "/" + id, "viewer-token")).get("actionRuns"))
        .hasSize(1);
  }

  @Test
  void aKeyFromBeforeARestartIsCheckedAgainstItsRun() {
    String id = declare(",\"playbook\":\"payments\"");
    runWithKey(id, "scale", "k-2", "{\"parameters\":{\"count\":2}}");
    ApiServer replica = api.newServer().start("127.0.0.1", 0);
    try {
      ApiRequests other = new ApiRequests(() -> "http://127.0.0.1:" + replica.port());
      HttpResponse<String> changed =
          other.send(
              other
                  .request(actions(id) + "/scale", "responder-token")
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", "k-2")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"parameters\":{\"count\":5}}")));

      assertThat(changed.statusCode()).isEqualTo(422);
    } finally {
      replica.stop();
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The run goes on after the decision: waits until it shows {@code status}. */
  private void awaitStatus(String run, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> json(api.get(run, "viewer-token")).get("status").asText().equals(status));
  }
}
