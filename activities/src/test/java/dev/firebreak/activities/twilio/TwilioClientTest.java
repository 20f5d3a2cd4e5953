package dev.firebreak.activities.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.fakes.FakeTwilio;
import dev.firebreak.activities.http.ProviderClientContract;
import dev.firebreak.activities.http.ProviderFailures;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import okhttp3.Credentials;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class TwilioClientTest extends ProviderClientContract {

  private static final String SID = "AC0123456789abcdef0123456789abcdef";

  private final FakeTwilio twilio = new FakeTwilio(SID, "auth-token");
  private final TwilioClient client = client(SID, "auth-token");

  private TwilioClient client(String sid, String token) {
    return new TwilioClient(TRANSPORT, twilio.baseUrl(), sid, token, "+15005550006", TIMEOUT);
  }

  @Override
  protected FakeServer fake() {
    return twilio;
  }

  @Override
  protected void callProvider() {
    client.send("+15550100", "page");
  }

  @Test
  void sendsAFormEncodedMessageWithBasicAuth() {
    TwilioClient.Accepted sms = client.send("+15550100", "Firebreak page: INC-1 & more");

    RecordedRequest request = twilio.requests().get(0);
    assertThat(request.getMethod() + " " + request.getPath())
        .isEqualTo("POST /2010-04-01/Accounts/" + SID + "/Messages.json");
    assertThat(request.getHeader("Authorization")).isEqualTo(Credentials.basic(SID, "auth-token"));
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(FakeServer.bodyOf(request))
        .isEqualTo(
            "To=%2B15550100&From=%2B15005550006&Body=Firebreak%20page%3A%20INC-1%20%26%20more");
    assertThat(sms.sid()).startsWith("SM").hasSize(34);
    assertThat(sms.status()).isEqualTo("queued");
    assertThat(twilio.messages())
        .extracting(FakeTwilio.Sms::body)
        .containsExactly("Firebreak page: INC-1 & more");
  }

  @Test
  void placesAFormEncodedCallWithInlineTwimlAndBasicAuth() {
    TwilioClient.Accepted call = client.call("+15550100", "<Response><Say>Hi</Say></Response>");

    RecordedRequest request = twilio.requests().get(0);
    assertThat(request.getMethod() + " " + request.getPath())
        .isEqualTo("POST /2010-04-01/Accounts/" + SID + "/Calls.json");
    assertThat(request.getHeader("Authorization")).isEqualTo(Credentials.basic(SID, "auth-token"));
    assertThat(FakeServer.formFields(request))
        .containsEntry("To", "+15550100")
        .containsEntry("From", "+15005550006")
        .containsEntry("Twiml", "<Response><Say>Hi</Say></Response>");
    assertThat(call.sid()).startsWith("CA").hasSize(34);
    assertThat(call.status()).isEqualTo("queued");
    assertThat(twilio.calls()).extracting(FakeTwilio.Call::to).containsExactly("+15550100");
  }

  @Test
  void aRateLimitedCallIsRetriedAfterTwiliosRetryAfterAndThenPlaced() {
    twilio.faults().rateLimitNext(1, "3");

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> client.call("+15550100", "<Response/>"));

    assertThat(failure.getType()).isEqualTo(ProviderFailures.RATE_LIMITED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(twilio.requests().get(0).getPath()).endsWith("/Calls.json");
    assertThat(twilio.calls()).isEmpty();
    assertThat(client.call("+15550100", "<Response/>").status()).isEqualTo("queued");
  }

  @Test
  void twimlLongerThanTwilioTakesIsRefusedWithTwiliosMessage() {
    String twiml = "<Response><Say>" + "x".repeat(4000) + "</Say></Response>";

    assertRejected(
        () -> client.call("+15550100", twiml),
        "Twilio answered HTTP 400: Twiml is too long: it may be at most 4000 characters.");
    assertThat(twilio.calls()).isEmpty();
  }

  @Test
  void wrongAuthTokenIsPermanent() {
    assertRejected(
        () -> client(SID, "stale").send("+15550100", "x"),
        "Twilio answered HTTP 401: Authenticate");
  }

  @Test
  void wrongPathIsPermanent() {
    TwilioClient other =
        new TwilioClient(
            TRANSPORT, twilio.baseUrl() + "/x", SID, "auth-token", "+15005550006", TIMEOUT);

    // The account SID is 32 hex digits after "AC", the shape of a Twilio auth token, so the quote
    // blanks it.
    assertRejected(
        () -> other.send("+15550100", "x"),
        "Twilio answered HTTP 404: The requested resource /2010-04-01/x/Accounts/"
            + "[redacted]/Messages.json was not found");
  }

  @Test
  void unsubscribedRecipientIsPermanent() {
    twilio.unsubscribed("+15550100");

    assertRejected(
        () -> client.send("+15550100", "x"),
        "Twilio answered HTTP 400: Attempt to send to unsubscribed recipient");
  }

  @Test
  void invalidNumberIsPermanent() {
    assertRejected(
        () -> client.send("5550100", "x"),
        "Twilio answered HTTP 400: Invalid 'To' Phone Number: 5550100");
  }
}
