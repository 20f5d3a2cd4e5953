package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakeRender;
import dev.firebreak.activities.fakes.FakeVercel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rollbacks as `./firebreak dev` runs them, with Vercel and Render live against local fakes that
 * take a few status reads to make a rollback live: through {@code POST /api/v1/rollbacks} to the
 * platform's rollback call, the wait until live, and the simulated service's health.
 */
class RollbackEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private static FakeVercel vercel;
  private static FakeRender render;
  private static DevMode dev;

  @RegisterExtension static final DevModeExtension devMode = new DevModeExtension();

  @BeforeAll
  static void startDevMode() throws IOException {
    vercel =
        devMode
            .closeAfter(new FakeVercel("vercel-token", null))
            .productionDeploy(
                "prj_demo_talk_to_my_lawyer", "dpl_good", T0.minusSeconds(3600), "READY", "aaa")
            .productionDeploy("prj_demo_talk_to_my_lawyer", "dpl_bad", T0, "READY", "bbb");
    render =
        devMode
            .closeAfter(new FakeRender("rnd_key"))
            .deploy(
                "srv-demo-recoup-backend", "dep-good", T0.minusSeconds(3600), "deactivated", "ccc")
            .deploy("srv-demo-recoup-backend", "dep-bad", T0, "live", "ddd");
    vercel.rollbacks().takes(2, Duration.ZERO);
    render.rollbacks().takes(2, Duration.ZERO);
    Map<String, String> env =
        Map.of(
            "VERCEL_TOKEN",
            "vercel-token",
            "VERCEL_API_URL",
            vercel.baseUrl(),
            "RENDER_API_KEY",
            "rnd_key",
            "RENDER_API_URL",
            render.baseUrl());
    dev = devMode.start(env);
  }

  @Test
  void vercelAndRenderServicesRollBackToTheirPreviousGoodDeployThroughTheApi() throws Exception {
    JsonNode lawyer =
        post("{\"service\":\"talk-to-my-lawyer\",\"reason\":\"blank page\"}", "e2e-1", 202);
    JsonNode recoup = post("{\"service\":\"recoup-backend\",\"reason\":\"5xx\"}", "e2e-1", 202);
    assertThat(lawyer.get("workflowId").asText()).isEqualTo("rollback-talk-to-my-lawyer-e2e-1");

    JsonNode lawyerDone = awaitFinal(lawyer.get("id").asText());
    JsonNode recoupDone = awaitFinal(recoup.get("id").asText());

    assertThat(lawyerDone.get("status").asText()).as(lawyerDone.toString()).isEqualTo("SUCCEEDED");
    assertThat(lawyerDone.get("toDeployment").asText()).isEqualTo("dpl_good");
    assertThat(lawyerDone.get("dryRun").asBoolean()).isFalse();
    assertThat(recoupDone.get("status").asText()).as(recoupDone.toString()).isEqualTo("SUCCEEDED");
    assertThat(recoupDone.get("toDeployment").asText()).isEqualTo("dep-good");
    assertThat(vercel.rollbacksStarted()).containsExactly("prj_demo_talk_to_my_lawyer/dpl_good");
    assertThat(render.rollbacksStarted()).containsExactly("srv-demo-recoup-backend/dep-good");

    JsonNode repeat = post("{\"service\":\"recoup-backend\",\"reason\":\"5xx\"}", "e2e-1", 202);
    assertThat(repeat.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(render.rollbacksStarted()).hasSize(1);
  }

  @Test
  void servicesShowTheirPlatform() throws Exception {
    JsonNode services = JSON.readTree(send("GET", "/api/v1/services", null, null).body());

    assertThat(services.get(0).get("platform").asText()).isEqualTo("render");
    assertThat(services.get(1).get("platform").asText()).isEqualTo("vercel");
  }

  private static JsonNode awaitFinal(String id) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              String status =
                  JSON.readTree(send("GET", "/api/v1/rollbacks/" + id, null, null).body())
                      .get("status")
                      .asText();
              return !status.matches(
                  "RESOLVING_TARGET|AWAITING_APPROVAL|ROLLING_BACK|WAITING_FOR_LIVE|VERIFYING_HEALTH");
            });
    try {
      return JSON.readTree(send("GET", "/api/v1/rollbacks/" + id, null, null).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode post(String body, String key, int expected) throws Exception {
    HttpResponse<String> response = send("POST", "/api/v1/rollbacks", body, key);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> send(String method, String path, String body, String key)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(dev.apiUrl() + path))
            .header("Authorization", "Bearer " + DevMode.DEFAULT_DEV_TOKEN)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
