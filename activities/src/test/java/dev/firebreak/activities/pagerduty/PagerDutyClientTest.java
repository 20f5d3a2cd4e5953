package dev.firebreak.activities.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakePagerDuty;
import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.http.ProviderClientContract;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class PagerDutyClientTest extends ProviderClientContract {

  private static final String KEY = "R0UTINGKEY0000000000000000000001";

  private final FakePagerDuty pagerDuty = new FakePagerDuty(KEY);
  private final PagerDutyClient client = client(KEY);

  private PagerDutyClient client(String routingKey) {
    return new PagerDutyClient(TRANSPORT, pagerDuty.baseUrl(), routingKey, TIMEOUT);
  }

  private static PagerDutyAlert alert() {
    return new PagerDutyAlert(
        "[P1] INC-1: Checkout returns 500",
        "firebreak",
        "critical",
        "recoup-primary",
        Map.of("reason", "new P1 incident"));
  }

  @Override
  protected FakeServer fake() {
    return pagerDuty;
  }

  @Override
  protected void callProvider() {
    client.trigger("INC-1", alert());
  }

  @Test
  void triggerSendsTheEventWithRoutingKeyAndDedupKeyInTheBody() throws Exception {
    String dedupKey = client.trigger("INC-1", alert());

    RecordedRequest request = pagerDuty.requests().get(0);
    assertThat(request.getMethod() + " " + request.getPath()).isEqualTo("POST /v2/enqueue");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.getHeader("Authorization")).isNull();
    JsonNode body = new ObjectMapper().readTree(FakeServer.bodyOf(request));
    assertThat(body.toString())
        .isEqualTo(
            "{\"routing_key\":\""
                + KEY
                + "\",\"event_action\":\"trigger\","
                + "\"dedup_key\":\"INC-1\",\"payload\":{\"summary\":\"[P1] INC-1: Checkout returns 500\","
                + "\"source\":\"firebreak\",\"severity\":\"critical\",\"component\":\"recoup-primary\","
                + "\"custom_details\":{\"reason\":\"new P1 incident\"}}}");
    assertThat(dedupKey).isEqualTo("INC-1");
  }

  @Test
  void retriedTriggerLandsOnTheSameAlert() {
    client.trigger("INC-1", alert());
    client.trigger("INC-1", alert());

    assertThat(pagerDuty.alerts())
        .singleElement()
        .satisfies(a -> assertThat(a.triggers()).isEqualTo(2));
  }

  @Test
  void acknowledgeAndResolveFollowTheAlert() {
    client.trigger("INC-1", alert());
    client.acknowledge("INC-1");
    assertThat(pagerDuty.alerts().get(0).status()).isEqualTo("acknowledged");

    client.resolve("INC-1");
    assertThat(pagerDuty.alerts().get(0).status()).isEqualTo("resolved");
  }

  @Test
  void unknownRoutingKeyIsPermanentWithPagerDutysReason() {
    assertRejected(
        () -> client("WRONG").trigger("INC-1", alert()),
        "PagerDuty answered HTTP 400: Invalid routing key");
  }

  @Test
  void wrongPathIsPermanent() {
    PagerDutyClient misconfigured =
        new PagerDutyClient(TRANSPORT, pagerDuty.baseUrl() + "/v1", KEY, TIMEOUT);

    assertRejected(
        () -> misconfigured.acknowledge("INC-1"), "PagerDuty answered HTTP 404: Not Found");
  }

  @Test
  void invalidSeverityIsPermanent() {
    PagerDutyAlert bad = new PagerDutyAlert("s", "firebreak", "urgent", null, Map.of());

    assertRejected(
        () -> client.trigger("INC-1", bad),
        "PagerDuty answered HTTP 400: 'payload.severity' is invalid");
  }
}
