package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.workflows.rollback.RollbackOrders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code rollback} action kind end to end: the API resolves the rollback as the rollback API
 * does, the run starts the real rollback workflow under the service's lock and ends as it ended. An
 * API of its own config (RunningApi's plus a playbook with rollback actions) beside the shared
 * worker, so the other tests' playbooks stay as they are.
 */
class ActionRollbackApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** talk-to-my-lawyer's rollback policy asks for approval and grants responders the rollback. */
  private static final String CONFIG =
      RunningApi.CONFIG
          + """
            - name: bad-deploy
              title: Bad deploy
              actions:
                - { name: roll-back, kind: rollback, service: talk-to-my-lawyer }
                - name: roll-back-approved
                  kind: rollback
                  service: talk-to-my-lawyer
                  approval: { roles: [admin] }
          """;

  @RegisterExtension final RunningApi api = new RunningApi();

  private ApiServer server;
  private ApiRequests requests;

  @BeforeEach
  void startServer() {
    api.diagnostics.deployments = RollbackOrders.DEPLOYS;
    server = api.newServer(CONFIG, incidents -> routes -> {}).start("127.0.0.1", 0);
    requests = new ApiRequests(() -> "http://127.0.0.1:" + server.port());
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  @Test
  void aRollbackActionAsksForTheServicesRollbackApprovalOnceAndSucceedsWhenTheRollbackDoes() {
    String id = declare();

    HttpResponse<String> started = run(id, "roll-back", "k1");

    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String rollback = rollbackId(id, "k1");
    awaitRollback(rollback, "AWAITING_APPROVAL");
    HttpResponse<String> approved =
        requests.post(RollbackRoutes.BASE + "/" + rollback + "/approve", "admin-token", "{}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode run = awaitRun(id, "action-" + id + "-k1", "SUCCEEDED");
    assertThat(api.deploys.rollbacks).hasSize(1);
    assertThat(run.get("steps").toString())
        .contains("Rollback: Rolled back talk-to-my-lawyer")
        .contains("asks for its own approval");
  }

  @Test
  void aRollbackActionWithItsOwnApprovalDoesNotAskTheRollbacksApprovalAgain() {
    String id = declare();
    run(id, "roll-back-approved", "k2");
    String runPath = actions(id) + "/action-" + id + "-k2";

    HttpResponse<String> approved = requests.post(runPath + "/approve", "admin-token", "{}");

    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    awaitRun(id, "action-" + id + "-k2", "SUCCEEDED");
    JsonNode rollback =
        json(requests.get(RollbackRoutes.BASE + "/" + rollbackId(id, "k2"), "viewer-token"));
    assertThat(rollback.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(rollback.get("approvedBy").isNull()).isTrue();
    assertThat(api.deploys.rollbacks).hasSize(1);
  }

  @Test
  void aRollbackActionWhileARollbackOfTheServiceRunsFailsNamingItAndStartsNoSecond() {
    String id = declare();
    HttpResponse<String> first =
        requests.post(
            IncidentRoutes.BASE + "/" + id + "/rollback",
            "responder-token",
            "{\"reason\":\"bad deploy\"}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    String running = json(first).get("id").asText();
    awaitRollback(running, "AWAITING_APPROVAL");

    run(id, "roll-back", "k3");

    JsonNode run = awaitRun(id, "action-" + id + "-k3", "FAILED");
    assertThat(run.get("outcome").asText())
        .contains("a rollback of talk-to-my-lawyer is already running: rollback-" + running);
    assertThat(
            requests
                .get(RollbackRoutes.BASE + "/" + rollbackId(id, "k3"), "viewer-token")
                .statusCode())
        .isEqualTo(404);
  }

  private String declare() {
    HttpResponse<String> declared =
        requests.post(
            IncidentRoutes.BASE,
            "responder-token",
            "{\"title\":\"Site down\",\"severity\":\"P2\",\"service\":\"talk-to-my-lawyer\","
                + "\"playbook\":\"bad-deploy\"}");
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    return json(declared).get("id").asText();
  }

  private HttpResponse<String> run(String id, String action, String key) {
    return requests.send(
        requests
            .request(actions(id) + "/" + action, "responder-token")
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  private static String actions(String id) {
    return IncidentRoutes.BASE + "/" + id + "/actions";
  }

  /** The rollback a run of that key orders, as {@code /api/v1/rollbacks/{id}} names it. */
  private static String rollbackId(String incidentId, String key) {
    return "talk-to-my-lawyer-" + incidentId.toLowerCase(Locale.ROOT) + "-action-" + key;
  }

  private void awaitRollback(String rollback, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              HttpResponse<String> shown =
                  requests.get(RollbackRoutes.BASE + "/" + rollback, "viewer-token");
              return shown.statusCode() == 200 && json(shown).get("status").asText().equals(status);
            });
  }

  private JsonNode awaitRun(String id, String runId, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                json(requests.get(actions(id) + "/" + runId, "viewer-token"))
                    .get("status")
                    .asText()
                    .equals(status));
    return json(requests.get(actions(id) + "/" + runId, "viewer-token"));
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
