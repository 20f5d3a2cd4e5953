package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * fake Twilio. The declaration's page rings and texts the phone; a key press Twilio did not sign
 * changes nothing, and pressing 1 on the call or replying ACK to the text, posted to the webhooks
 * and signed as Twilio signs them, acknowledges the incident as that phone.
 */
class PhonePagingEndToEndTest {

  private static final String SID = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "twilio-auth-token-e2e";
  private static final String PHONE = "+447700900123";
  private static final String FROM = "+15005550006";
  private static final ObjectMapper JSON = new ObjectMapper();

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
            from: "%s"
            publicUrl: https://firebreak.example.com
        escalation:
          levels:
            - { name: primary, targets: ["call:%s", "sms:%s"] }
        services:
          - name: shop
        """
            .formatted(SID, FROM, PHONE, PHONE));
    Map<String, String> env =
        Map.of("TWILIO_AUTH_TOKEN", TOKEN, "TWILIO_API_URL", twilio.baseUrl());
    DevMode dev = devMode.start(config, env::get);
    // Twilio posts to the public URL; here a proxy in front of Firebreak would pass it on.
    twilio.deliveringTo(dev.apiUrl());
    api = new DevApi(dev.apiUrl());
  }

  @Test
  void theEscalationCallsThePhoneAndPressingOneOnTheCallAcknowledgesTheIncident() throws Exception {
    String id = declare("Checkout <500> & retries");

    FakeTwilio.Call call =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    twilio.calls().stream()
                        .filter(c -> c.to().equals(PHONE) && c.twiml().contains(id + ","))
                        .findFirst(),
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

  @Test
  void aTextedAckAcknowledgesTheIncidentThatLastTextedThePhone() throws Exception {
    String id = declare("Refunds stuck");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                twilio.messages().stream()
                    .anyMatch(
                        sms ->
                            sms.to().equals(PHONE)
                                && sms.body().contains(id + " Refunds stuck")
                                && sms.body().endsWith("Reply ACK to acknowledge.")));

    // Twilio sometimes signs the URL with its default port written out.
    FakeTwilio.WebhookAnswer replied =
        twilio
            .signingWithDefaultPort(true)
            .textFrom("https://firebreak.example.com/webhooks/twilio/sms", PHONE, FROM, "ACK");
    twilio.signingWithDefaultPort(false);

    assertThat(replied.status()).isEqualTo(200);
    assertThat(replied.body()).contains("<Message>Acknowledged " + id + ". Escalation stopped.");
    assertThat(incident(id).get("acknowledgedBy").asText()).isEqualTo("phone " + PHONE);
  }

  private static String declare(String title) throws Exception {
    return api.call(
            "POST",
            "/api/v1/incidents",
            JSON.createObjectNode()
                .put("title", title)
                .put("severity", "P1")
                .put("service", "shop")
                .toString(),
            201)
        .get("id")
        .asText();
  }

  private static JsonNode incident(String id) throws Exception {
    return api.call("GET", "/api/v1/incidents/" + id, null, 200);
  }
}
