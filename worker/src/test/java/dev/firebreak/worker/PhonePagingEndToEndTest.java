package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.fakes.FakeTwilio;
import dev.firebreak.starter.twilio.TwilioSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paging by phone from end to end: `./firebreak dev` with a {@code call:} escalation target and a
 * fake Twilio. The declaration's page rings the phone; a key press Twilio did not sign changes
 * nothing, and pressing 1 on the call, posted to the voice webhook and signed as Twilio signs it,
 * acknowledges the incident as that phone.
 */
class PhonePagingEndToEndTest {

  private static final String SID = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "twilio-auth-token-e2e";
  private static final String PHONE = "+447700900123";

  @RegisterExtension static final DevModeExtension devMode = new DevModeExtension();

  private static FakeTwilio twilio;
  private static DevApi api;

  @BeforeAll
  static void startDevMode(@TempDir Path dir) throws IOException {
    twilio = devMode.closeAfter(new FakeTwilio(SID, TOKEN)).signingWith(TwilioSignature::of);
    Path config = dir.resolve("firebreak.yaml");
    Files.writeString(
        config,
        """
        organisation: Phone test
        providers:
          twilio:
            accountSid: %s
            authToken: ${TWILIO_AUTH_TOKEN}
            from: "+15005550006"
            publicUrl: https://firebreak.example.com
        escalation:
          levels:
            - { name: primary, targets: ["call:%s"] }
        services:
          - name: shop
        """
            .formatted(SID, PHONE));
    Map<String, String> env =
        Map.of("TWILIO_AUTH_TOKEN", TOKEN, "TWILIO_API_URL", twilio.baseUrl());
    DevMode dev = devMode.start(config, env::get);
    // Twilio posts to the public URL; here a proxy in front of Firebreak would pass it on.
    twilio.deliveringTo(dev.apiUrl());
    api = new DevApi(dev.apiUrl());
  }

  @Test
  void theEscalationCallsThePhoneAndPressingOneOnTheCallAcknowledgesTheIncident() throws Exception {
    String id =
        api.call(
                "POST",
                "/api/v1/incidents",
                "{\"title\":\"Checkout <500> & retries\",\"severity\":\"P1\",\"service\":\"shop\"}",
                201)
            .get("id")
            .asText();

    FakeTwilio.Call call =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> twilio.calls().stream().filter(c -> c.to().equals(PHONE)).findFirst(),
                found -> found.isPresent())
            .orElseThrow();
    assertThat(call.twiml())
        .contains("Incident " + id + ", severity P1: Checkout &lt;500&gt; &amp; retries.")
        .contains("Press 1 to acknowledge.");

    FakeTwilio.WebhookAnswer forged = twilio.forgingSignatures(true).pressKey(call, "1");
    assertThat(forged.status()).isEqualTo(403);
    assertThat(incident(id).get("acknowledgedBy").isNull()).isTrue();

    FakeTwilio.WebhookAnswer pressed = twilio.forgingSignatures(false).pressKey(call, "1");

    assertThat(pressed.status()).isEqualTo(200);
    assertThat(pressed.body()).contains("<Say>Acknowledged " + id + ". Escalation stopped.");
    JsonNode acknowledged = incident(id);
    assertThat(acknowledged.get("acknowledgedBy").asText()).isEqualTo("phone " + PHONE);
    assertThat(acknowledged.get("timeline").toString())
        .contains("Call to " + PHONE + " queued (" + call.sid() + ")");
  }

  private static JsonNode incident(String id) throws Exception {
    return api.call("GET", "/api/v1/incidents/" + id, null, 200);
  }
}
