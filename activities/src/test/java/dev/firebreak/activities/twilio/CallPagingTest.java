package dev.firebreak.activities.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeTwilio;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

class CallPagingTest {

  private static final String SID = "AC0123456789abcdef0123456789abcdef";

  private final FakeTwilio twilio = new FakeTwilio(SID, "auth-token");
  private final TwilioClient client =
      new TwilioClient(
          HttpTransport.withCallDeadlinesOnly(),
          twilio.baseUrl(),
          SID,
          "auth-token",
          "+15005550006",
          Duration.ofSeconds(2));

  @AfterEach
  void stop() {
    twilio.close();
  }

  private static PageRequest page(String title, String... targets) {
    return new PageRequest(
        "INC-1/page-r1-l2",
        "INC-1",
        "P1",
        title,
        "primary",
        List.of(targets),
        "no acknowledgement in 15m",
        "#incidents",
        null);
  }

  @Test
  void theCallSaysTheIncidentAndAsksForOneKeyThatGoesToTheVoiceWebhookUnderThePublicUrl() {
    Delivery delivery =
        new CallPaging(client, "https://firebreak.example.com/")
            .page(page("Checkout returns 500", "call:+15550100"));

    FakeTwilio.Call call = twilio.calls().get(0);
    assertThat(call.to()).isEqualTo("+15550100");
    assertThat(call.twiml())
        .contains(
            "<Gather input=\"dtmf\" numDigits=\"1\" timeout=\"10\" method=\"POST\" action=\""
                + "https://firebreak.example.com/webhooks/twilio/voice?incident=INC-1&amp;"
                + "page=INC-1%2Fpage-r1-l2\">")
        .contains(
            "Firebreak page. Incident INC-1, severity P1: Checkout returns 500. no acknowledgement"
                + " in 15m Press 1 to acknowledge.");
    assertThat(delivery.dryRun()).isFalse();
    assertThat(delivery.detail()).isEqualTo("Call to +15550100 queued (" + call.sid() + ")");
  }

  @ParameterizedTest(name = "title {0}")
  @ValueSource(
      strings = {
        "a < b & \"c\" > 'd'",
        "</Say><Hangup/><Say>",
        "]]><!-- &amp; &#0;",
        "bell \u0007 and nul \u0000 and tab\t",
        "LONG&",
        "LONG<",
        "LONG😀"
      })
  void anyTitleIsSpokenLiterallyInWellFormedTwimlWithinTwiliosLimit(String title) throws Exception {
    String spoken = title.startsWith("LONG") ? title.substring(4).repeat(5000) : title;
    new CallPaging(client, "https://firebreak.example.com").page(page(spoken, "call:+15550100"));

    String twiml = twilio.calls().get(0).twiml();
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)));
    String said = xml.getElementsByTagName("Say").item(0).getTextContent();

    assertThat(twiml.length()).isLessThanOrEqualTo(TwilioClient.TWIML_MAX);
    assertThat(xml.getElementsByTagName("Gather").getLength()).isEqualTo(1);
    assertThat(said)
        .startsWith("Firebreak page. Incident INC-1, severity P1: ")
        .endsWith("Press 1 to acknowledge.");
    String expected = spoken.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", " ");
    assertThat(said).contains(expected.substring(0, Math.min(expected.length(), 150)));
  }

  @Test
  void withoutAPublicUrlTheCallSaysThePageAndPointsToSlackOrTheApi() {
    new CallPaging(client, null).page(page("Checkout returns 500", "call:+15550100"));

    assertThat(twilio.calls().get(0).twiml())
        .doesNotContain("<Gather")
        .contains("Checkout returns 500.", "Acknowledge in Slack or the API.");
  }
}
