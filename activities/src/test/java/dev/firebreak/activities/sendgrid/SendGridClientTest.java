package dev.firebreak.activities.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeSendGrid;
import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.http.ProviderClientContract;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class SendGridClientTest extends ProviderClientContract {

  private final FakeSendGrid sendGrid = new FakeSendGrid("SG.key", "incidents@recoup.com");
  private final SendGridClient client = client("SG.key", "incidents@recoup.com");

  private SendGridClient client(String key, String from) {
    return new SendGridClient(TRANSPORT, sendGrid.baseUrl(), key, from, TIMEOUT);
  }

  private static Email mail() {
    return new Email(
        List.of("manager@recoup.com"), "[P1] INC-1: Checkout", "You are paged", "INC-1/page-r1-l3");
  }

  @Override
  protected FakeServer fake() {
    return sendGrid;
  }

  @Override
  protected void callProvider() {
    client.send(mail());
  }

  @Test
  void postsTheMailAsJsonWithBearerKeyAndReturnsTheMessageId() {
    String messageId = client.send(mail());

    RecordedRequest request = sendGrid.requests().get(0);
    assertThat(request.getMethod() + " " + request.getPath()).isEqualTo("POST /v3/mail/send");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer SG.key");
    assertThat(FakeServer.bodyOf(request))
        .isEqualTo(
            "{\"personalizations\":[{\"to\":[{\"email\":\"manager@recoup.com\"}]}],"
                + "\"from\":{\"email\":\"incidents@recoup.com\"},\"subject\":\"[P1] INC-1: Checkout\","
                + "\"content\":[{\"type\":\"text/plain\",\"value\":\"You are paged\"}],"
                + "\"custom_args\":{\"firebreak_key\":\"INC-1/page-r1-l3\"}}");
    assertThat(messageId).isEqualTo(sendGrid.mails().get(0).messageId());
  }

  @Test
  void badKeyIsPermanent() {
    assertRejected(
        () -> client("SG.stale", "incidents@recoup.com").send(mail()),
        "SendGrid answered HTTP 401: The provided authorization grant is invalid, expired, or revoked");
  }

  @Test
  void unverifiedSenderIsPermanent() {
    assertRejected(
        () -> client("SG.key", "other@recoup.com").send(mail()),
        "SendGrid answered HTTP 403: The from"
            + " address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved.");
  }

  @Test
  void wrongPathIsPermanent() {
    SendGridClient misconfigured =
        new SendGridClient(
            TRANSPORT, sendGrid.baseUrl() + "/v2", "SG.key", "incidents@recoup.com", TIMEOUT);

    assertRejected(
        () -> misconfigured.send(mail()), "SendGrid answered HTTP 404: resource not found");
  }

  @Test
  void invalidAddressIsPermanent() {
    assertRejected(
        () -> client.send(new Email(List.of("nobody"), "s", "t", "k")),
        "SendGrid answered HTTP 400: Does not contain a valid address.");
  }
}
