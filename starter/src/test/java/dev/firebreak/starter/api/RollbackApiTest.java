package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.rollbacks.RollbackLocks;
import dev.firebreak.workflows.maintenance.MaintenanceOrders;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackOrders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RollbackApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECOUP =
      "{\"service\":\"recoup-backend\",\"reason\":\"5xx after deploy\"}";
  private static final String LAWYER =
      "{\"service\":\"talk-to-my-lawyer\",\"reason\":\"blank page\"}";

  @RegisterExtension final RunningApi api = new RunningApi();

  @BeforeEach
  void deploys() {
    api.diagnostics.deployments = RollbackOrders.DEPLOYS;
  }

  private HttpResponse<String> request(String token, String key, String body) {
    HttpRequest.Builder request =
        api.request(RollbackRoutes.BASE, token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    return api.send(key == null ? request : request.header("Idempotency-Key", key));
  }

  private JsonNode awaitStatus(String id, String status) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                json(api.get(RollbackRoutes.BASE + "/" + id, "viewer-token"))
                    .get("status")
                    .asText()
                    .equals(status));
    return json(api.get(RollbackRoutes.BASE + "/" + id, "viewer-token"));
  }

  @Test
  void aRollbackIsAcceptedAndRunsToLiveAndHealthy() {
    HttpResponse<String> accepted = request("admin-token", "k1", RECOUP);

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(json(accepted).get("id").asText()).isEqualTo("recoup-backend-k1");
    assertThat(json(accepted).get("workflowId").asText()).isEqualTo("rollback-recoup-backend-k1");
    JsonNode done = awaitStatus("recoup-backend-k1", "SUCCEEDED");
    assertThat(done.get("toDeployment").asText()).isEqualTo("dep-2");
    assertThat(done.get("requestedBy").asText()).isEqualTo("ci");
  }

  /**
   * A finished rollback's release reaches the lock a moment after its status reads as finished; the
   * lock is held here for the finished k1 (as a late release leaves it) and let go 400 ms later.
   */
  @Test
  void aRollbackRequestedJustAfterAnotherFinishedWaitsForItsReleaseInsteadOfBeingRefused() {
    request("admin-token", "k1", RECOUP);
    awaitStatus("recoup-backend-k1", "SUCCEEDED");
    RollbackOrder finished = RollbackOrders.order("k1", null, false, null);
    RollbackLocks locks = new RollbackLocks(api.temporal.getWorkflowClient());
    await().atMost(Duration.ofSeconds(10)).until(() -> locks.claim(finished).granted());
    CompletableFuture<Void> lateRelease =
        CompletableFuture.runAsync(
            () -> locks.release(finished),
            CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS));

    HttpResponse<String> next = request("admin-token", "k2", RECOUP);

    lateRelease.join();
    assertThat(next.statusCode()).as(next.body()).isEqualTo(202);
  }

  @Test
  void aLockStillHeldByAFinishedRollbackIsGivenBackForTheNextOne() {
    request("admin-token", "k1", RECOUP);
    awaitStatus("recoup-backend-k1", "SUCCEEDED");
    RollbackOrder finished = RollbackOrders.order("k1", null, false, null);
    RollbackLocks locks = new RollbackLocks(api.temporal.getWorkflowClient());
    await().atMost(Duration.ofSeconds(10)).until(() -> locks.claim(finished).granted());

    HttpResponse<String> next = request("admin-token", "k2", RECOUP);

    assertThat(next.statusCode()).as(next.body()).isEqualTo(202);
    awaitStatus("recoup-backend-k2", "SUCCEEDED");
    assertThat(api.deploys.rollbacks).hasSize(2);
  }

  @Test
  void withoutAnIdempotencyKeyNothingStarts() {
    HttpResponse<String> refused = request("admin-token", null, RECOUP);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).get("message").asText()).contains("Idempotency-Key");
    assertThat(api.deploys.rollbacks).isEmpty();
  }

  @Test
  void theSameKeyReturnsTheSameRollbackEvenAfterItEnded() {
    request("admin-token", "k1", RECOUP);
    awaitStatus("recoup-backend-k1", "SUCCEEDED");

    HttpResponse<String> repeat = request("admin-token", "k1", RECOUP);

    assertThat(repeat.statusCode()).isEqualTo(202);
    assertThat(json(repeat).get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(api.deploys.rollbacks).hasSize(1);
    assertThat(request("admin-token", "k2", RECOUP).statusCode()).isEqualTo(202);
  }

  static Stream<String> otherBodies() {
    return Stream.of(
        "{\"service\":\"recoup-backend\",\"reason\":\"a different reason\"}",
        "{\"service\":\"recoup-backend\",\"reason\":\"5xx after deploy\",\"toDeployment\":\"dep-1\"}",
        "{\"service\":\"recoup-backend\",\"reason\":\"5xx after deploy\",\"incidentId\":\"INC-20260101-1\"}");
  }

  @ParameterizedTest
  @MethodSource("otherBodies")
  void aKeyReusedWithADifferentBodyIsUnprocessableAndStartsNothing(String other) {
    request("admin-token", "k1", RECOUP);
    awaitStatus("recoup-backend-k1", "SUCCEEDED");

    HttpResponse<String> reused = request("admin-token", "k1", other);
    HttpResponse<String> retried =
        request(
            "admin-token",
            "k1",
            "{ \"reason\": \"5xx after deploy\", \"service\": \"recoup-backend\" }");

    assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
    assertThat(json(reused).get("error").asText()).isEqualTo("idempotency_key_reused");
    assertThat(json(reused).get("message").asText()).contains("'k1'");
    assertThat(retried.statusCode()).isEqualTo(202);
    assertThat(json(retried).get("id").asText()).isEqualTo("recoup-backend-k1");
    assertThat(api.deploys.rollbacks).hasSize(1);
  }

  @Test
  void aKeyReusedWithADifferentReasonIsUnprocessableOnAnotherReplicaToo() {
    request("admin-token", "k1", RECOUP);
    ApiServer replica = api.newServer().start("127.0.0.1", 0);
    try {
      HttpResponse<String> reused =
          api.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(
                          "http://127.0.0.1:" + replica.port() + RollbackRoutes.BASE))
                  .header("Authorization", "Bearer admin-token")
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", "k1")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"service\":\"recoup-backend\",\"reason\":\"another\"}")));

      assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
    } finally {
      replica.stop();
    }
  }

  @Test
  void hundredConcurrentRequestsWithFiveKeysStartOneRollbackAndRefuseTheOtherKeysNamingIt()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(25);
    try {
      List<CompletableFuture<HttpResponse<String>>> calls =
          IntStream.range(0, 100)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> request("responder-token", "key-" + i % 5, LAWYER), pool))
              .toList();
      List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();

      List<String> started =
          responses.stream()
              .filter(r -> r.statusCode() == 202)
              .map(r -> json(r).get("workflowId").asText())
              .distinct()
              .toList();
      assertThat(started).hasSize(1);
      assertThat(responses).filteredOn(r -> r.statusCode() == 202).hasSize(20);
      assertThat(responses)
          .filteredOn(r -> r.statusCode() == 409)
          .hasSize(80)
          .allSatisfy(r -> assertThat(json(r).get("message").asText()).contains(started.get(0)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRollbackRequestedWhileAMaintenanceWindowRollsTheServiceBackIsRefusedUntilItEnds() {
    Instant start = Instant.now();
    String window =
        json(api.post(
                MaintenanceRoutes.BASE,
                "responder-token",
                "{\"title\":\"Swap database\","
                    + "\"services\":[\"talk-to-my-lawyer\"],\"start\":\""
                    + start
                    + "\",\"end\":\""
                    + start.plusSeconds(1800)
                    + "\",\"steps\":[{\"name\":\"swap-database\",\"manual\":\"promote the replica\"}]}"))
            .get("id")
            .asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                json(api.get(MaintenanceRoutes.BASE + "/" + window, "viewer-token"))
                    .path("waitingFor")
                    .asText()
                    .equals("swap-database"));
    // Something was deployed during the window: the abort rolls that back, under the service's
    // lock.
    api.diagnostics.deployments = MaintenanceOrders.DEPLOYED_DURING_WINDOW;
    api.post(
        MaintenanceRoutes.BASE + "/" + window + "/abort",
        "responder-token",
        "{\"reason\":\"replica lagging\"}");
    String windowRollback = "talk-to-my-lawyer-" + window.toLowerCase(Locale.ROOT);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api.get(RollbackRoutes.BASE + "/" + windowRollback, "viewer-token").statusCode()
                    == 200);
    awaitStatus(windowRollback, "AWAITING_APPROVAL");

    HttpResponse<String> refused = request("responder-token", "k1", LAWYER);

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).get("error").asText()).isEqualTo("rollback_in_progress");
    assertThat(json(refused).get("message").asText()).contains("rollback-" + windowRollback);
    api.post(RollbackRoutes.BASE + "/" + windowRollback + "/refuse", "admin-token", "{}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                json(api.get(MaintenanceRoutes.BASE + "/" + window, "viewer-token"))
                    .get("outcome")
                    .asText()
                    .contains("Rollback: talk-to-my-lawyer REFUSED"));
    assertThat(request("responder-token", "k1", LAWYER).statusCode()).isEqualTo(202);
  }

  @Test
  void approvalNeedsSomeoneOtherThanTheRequester() {
    request("responder-token", "k1", LAWYER);
    awaitStatus("talk-to-my-lawyer-k1", "AWAITING_APPROVAL");

    HttpResponse<String> self =
        api.post(RollbackRoutes.BASE + "/talk-to-my-lawyer-k1/approve", "responder-token", "{}");
    HttpResponse<String> other =
        api.post(
            RollbackRoutes.BASE + "/talk-to-my-lawyer-k1/approve",
            "admin-token",
            "{\"comment\":\"go\"}");

    assertThat(self.statusCode()).isEqualTo(409);
    assertThat(json(self).get("message").asText())
        .contains("alice requested this rollback and cannot approve it");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(json(other).get("approvedBy").asText()).isEqualTo("ci");
    awaitStatus("talk-to-my-lawyer-k1", "SUCCEEDED");
  }

  @Test
  void onlyTheRolesTheServiceGrantsMayRollItBack() {
    HttpResponse<String> responderOnRecoup = request("responder-token", "k1", RECOUP);
    HttpResponse<String> viewer = request("viewer-token", "k2", LAWYER);

    assertThat(responderOnRecoup.statusCode()).isEqualTo(403);
    assertThat(json(responderOnRecoup).get("message").asText())
        .isEqualTo(
            "Rolling back recoup-backend needs one of the roles admin, which token 'alice' does not have.");
    assertThat(viewer.statusCode()).isEqualTo(403);
  }

  @Test
  void anIncidentRollsBackItsServiceAndRecordsTheOutcome() {
    HttpResponse<String> declared =
        api.post(
            IncidentRoutes.BASE,
            "admin-token",
            "{\"title\":\"Checkout 5xx\",\"severity\":\"P1\",\"service\":\"recoup-backend\"}");
    String incident = json(declared).get("id").asText();

    HttpResponse<String> accepted =
        api.post(IncidentRoutes.BASE + "/" + incident + "/rollback", "admin-token", "{}");

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    awaitStatus(json(accepted).get("id").asText(), "SUCCEEDED");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                json(api.get(IncidentRoutes.BASE + "/" + incident, "viewer-token"))
                    .get("timeline")
                    .toString()
                    .contains("Rolled back recoup-backend to dep-2"));
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
