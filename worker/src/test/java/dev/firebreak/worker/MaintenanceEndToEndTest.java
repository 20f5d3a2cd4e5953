package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Maintenance windows as `./firebreak dev` runs them with the demo config (every provider dry-run):
 * a window created a few seconds ahead runs to its all-clear, and one on a broken service fails,
 * declaring its incident and rolling back under the service's rollback lock.
 */
class MaintenanceEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static DevMode dev;

  @RegisterExtension static final DevModeExtension devMode = new DevModeExtension();

  @BeforeAll
  static void startDevMode() {
    dev = devMode.start(Map.of());
  }

  @Test
  void aWindowCreatedAFewSecondsAheadCompletesInUnderAMinute() throws Exception {
    Instant start = Instant.now().plusSeconds(3);
    JsonNode created =
        send(
            "POST",
            "/api/v1/maintenance-windows",
            "{\"title\":\"Upgrade Firestore indexes\","
                + "\"services\":[\"recoup-backend\"],\"start\":\""
                + start
                + "\",\"end\":\""
                + start.plusSeconds(60)
                + "\"}",
            201);
    String id = created.get("id").asText();

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                send("GET", "/api/v1/maintenance-windows/" + id, null, 200)
                    .get("status")
                    .asText()
                    .equals("COMPLETED"));

    JsonNode done = send("GET", "/api/v1/maintenance-windows/" + id, null, 200);
    assertThat(done.get("outcome").asText()).startsWith("✅ All clear: maintenance " + id);
    assertThat(done.get("timeline").toString())
        .contains("dry-run: ")
        .contains("less than 1h ahead")
        .contains("recoup-backend healthy");
  }

  @Test
  void aWindowOnABrokenServiceFailsAndDeclaresItsIncident() throws Exception {
    String id = windowOnBrokenService("Rotate keys", "ascendos-api");

    awaitFailed(id);

    JsonNode failed = send("GET", "/api/v1/maintenance-windows/" + id, null, 200);
    assertThat(failed.get("incidentId").asText()).isEqualTo("INC-" + id);
    assertThat(send("GET", "/api/v1/incidents/INC-" + id, null, 200).get("title").asText())
        .isEqualTo("Maintenance " + id + " failed: Rotate keys");
  }

  @Test
  void whileAFailedWindowRollsItsServiceBackAnApiRollbackOfThatServiceIsRefused() throws Exception {
    String id = windowOnBrokenService("Move region", "talk-to-my-lawyer");
    String rollback = "talk-to-my-lawyer-" + id.toLowerCase(Locale.ROOT);
    String apiRollback = "{\"service\":\"talk-to-my-lawyer\",\"reason\":\"still broken\"}";

    // The unhealthy service keeps the window's rollback verifying health for a few seconds.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () ->
                send("GET", "/api/v1/rollbacks/" + rollback, null, 200)
                    .get("status")
                    .asText()
                    .equals("VERIFYING_HEALTH"));
    JsonNode refused = send("POST", "/api/v1/rollbacks", apiRollback, 409, "during-" + id);

    assertThat(refused.get("error").asText()).isEqualTo("rollback_in_progress");
    assertThat(refused.get("message").asText()).contains("rollback-" + rollback);
    awaitFailed(id);
    assertThat(send("GET", "/api/v1/maintenance-windows/" + id, null, 200).get("outcome").asText())
        .contains("Rollback: talk-to-my-lawyer UNHEALTHY");
    send("POST", "/api/v1/rollbacks", apiRollback, 202, "after-" + id);
  }

  /**
   * Breaks the service's simulated health, then schedules a window on it starting a second from
   * now.
   */
  private static String windowOnBrokenService(String title, String service) throws Exception {
    send("POST", "/dev/services/" + service + "/health", "{\"healthy\":false}", 200);
    Instant start = Instant.now().plusSeconds(1);
    // Another test's failed window may have left its P1 open, which asks for a confirmation.
    return send(
            "POST",
            "/api/v1/maintenance-windows",
            "{\"title\":\""
                + title
                + "\",\"services\":[\""
                + service
                + "\"],"
                + "\"start\":\""
                + start
                + "\",\"end\":\""
                + start.plusSeconds(60)
                + "\",\"confirm\":true}",
            201)
        .get("id")
        .asText();
  }

  private static void awaitFailed(String id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                send("GET", "/api/v1/maintenance-windows/" + id, null, 200)
                    .get("status")
                    .asText()
                    .equals("FAILED"));
  }

  private static JsonNode send(String method, String path, String body, int expected)
      throws Exception {
    return send(method, path, body, expected, null);
  }

  private static JsonNode send(
      String method, String path, String body, int expected, String idempotencyKey)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(dev.apiUrl() + path))
            .header("Authorization", "Bearer " + DevMode.DEFAULT_DEV_TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }
}
