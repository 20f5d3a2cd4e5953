package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakePagerDuty;
import dev.firebreak.starter.api.ApiRequests;
import dev.firebreak.starter.pagerduty.PagerDutyWebhookSender;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PagerDuty both ways against `./firebreak dev`: the page goes out through the Events API (to the
 * fake PagerDuty), an acknowledgement made in PagerDuty comes back as a signed Webhooks v3 delivery
 * naming the alert's dedup key, and PagerDuty's echo of the acknowledgement Firebreak then sends it
 * changes nothing.
 */
class PagerDutyWebhooksEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROUTING_KEY = "R0E2EPAGERDUTYROUTINGKEY00000001";
  private static final String SECRET = "e2e-pagerduty-webhook-secret";
  private static final String CONFIG =
      """
      organisation: Acme
      escalation:
        levels:
          - { name: primary, targets: ["pagerduty:ops"] }
      services:
        - name: api
      providers:
        pagerduty:
          routingKey: "${PD_ROUTING_KEY}"
          webhookSecrets: ["${PD_WEBHOOK_SECRET}"]
      """;

  @RegisterExtension static final DevModeExtension devMode = new DevModeExtension();
  @TempDir static Path dir;

  private static FakePagerDuty pagerDuty;
  private static DevApi api;
  private static String apiUrl;
  private static PagerDutyWebhookSender webhooks;

  @BeforeAll
  static void startDevMode() throws IOException {
    pagerDuty = devMode.closeAfter(new FakePagerDuty(ROUTING_KEY));
    Map<String, String> env =
        Map.of(
            "PD_ROUTING_KEY", ROUTING_KEY,
            "PD_WEBHOOK_SECRET", SECRET,
            "PAGERDUTY_API_URL", pagerDuty.baseUrl());
    DevMode dev = devMode.start(Files.writeString(dir.resolve("firebreak.yaml"), CONFIG), env::get);
    apiUrl = dev.apiUrl();
    api = new DevApi(apiUrl);
    webhooks = new PagerDutyWebhookSender(new ApiRequests(() -> apiUrl), SECRET);
  }

  @Test
  void anAcknowledgementInPagerDutyAcknowledgesTheIncidentWhosePageOpenedTheAlert()
      throws Exception {
    String id =
        api.call(
                "POST",
                "/api/v1/incidents",
                "{\"title\":\"Checkout returns 500\",\"severity\":\"P1\",\"service\":\"api\"}",
                201)
            .get("id")
            .asText();
    FakePagerDuty.Alert alert =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> pagerDuty.alerts(), alerts -> alerts.size() == 1)
            .get(0);

    HttpResponse<String> acknowledged =
        webhooks.send(
            webhooks.incidentEvent("incident.acknowledged", alert.dedupKey(), "Tenex Engineer"));

    assertThat(acknowledged.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(acknowledged.body()).path("outcome").asText())
        .isEqualTo("acknowledged");
    assertThat(
            api.call("GET", "/api/v1/incidents/" + id, null, 200).path("acknowledgedBy").asText())
        .isEqualTo("PagerDuty: Tenex Engineer");
    // Firebreak tells PagerDuty through the Events API, as for any acknowledgement...
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> pagerDuty.alerts().get(0).status().equals("acknowledged"));
    // ...and PagerDuty's webhook about that one, with no person as its agent, changes nothing.
    HttpResponse<String> echo =
        webhooks.send(webhooks.incidentEvent("incident.acknowledged", alert.dedupKey(), null));
    assertThat(JSON.readTree(echo.body()).path("outcome").asText()).isEqualTo("unchanged");
    List<String> kinds =
        api.call("GET", "/api/v1/incidents/" + id, null, 200)
            .path("timeline")
            .findValuesAsText("kind");
    assertThat(kinds).containsOnlyOnce("acknowledged");
    assertThat(pagerDuty.alerts()).hasSize(1);
  }

  @Test
  void aForgedDeliveryIsRefusedByTheRunningProcess() {
    PagerDutyWebhookSender forger =
        new PagerDutyWebhookSender(new ApiRequests(() -> apiUrl), "not-the-secret");

    HttpResponse<String> response =
        forger.send(forger.incidentEvent("incident.acknowledged", "INC-1", "Mallory"));

    assertThat(response.statusCode()).isEqualTo(401);
  }
}
