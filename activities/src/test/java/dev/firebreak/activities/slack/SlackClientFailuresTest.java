package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackFault;
import dev.firebreak.activities.http.ProviderFailures;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackClientFailuresTest {

  private final FakeSlack fake = new FakeSlack();
  private final SlackClient client =
      new SlackClient(fake.apiUrlPrefix(), fake.token(), Duration.ofMillis(500));

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    fake.close();
  }

  @Test
  void http429IsRateLimitedForAsLongAsSlacksRetryAfterSays() {
    fake.failNext("chat.postMessage", 1, FakeSlackFault.rateLimited(Duration.ofSeconds(7)));

    ApplicationFailure failure = postFails("#incidents");

    assertThat(failure.getType()).isEqualTo(ProviderFailures.RATE_LIMITED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(failure.getOriginalMessage())
        .contains("HTTP 429", "chat.postMessage", "ratelimited");
    assertThat(fake.messages("#incidents")).isEmpty();
  }

  @Test
  void rateLimitedInTheEnvelopeRetriesAfterADefaultDelay() {
    fake.failNext("chat.postMessage", 1, FakeSlackFault.error("rate_limited"));

    ApplicationFailure failure = postFails("#incidents");

    assertThat(failure.getType()).isEqualTo(ProviderFailures.RATE_LIMITED);
    assertThat(failure.getNextRetryDelay()).isPositive();
  }

  @Test
  void serverErrorIsRetryable() {
    fake.failNext("chat.postMessage", 1, FakeSlackFault.serverError(503));

    ApplicationFailure failure = postFails("#incidents");

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("HTTP 503", "chat.postMessage");
  }

  @Test
  void http200ThatIsNotSlacksJsonIsRetryableAndSaysSo() {
    fake.failNext("chat.postMessage", 1, FakeSlackFault.notJson());

    ApplicationFailure failure = postFails("#incidents");

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("chat.postMessage", "not Slack's JSON");
    assertThat(fake.messages("#incidents")).isEmpty();
  }

  @Test
  void slackInternalErrorInTheEnvelopeIsRetryable() {
    fake.failNext("chat.postMessage", 1, FakeSlackFault.error("internal_error"));

    ApplicationFailure failure = postFails("#incidents");

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void answerSlowerThanTheTimeoutIsRetryable() {
    fake.failNext("chat.postMessage", 1, FakeSlackFault.slow(Duration.ofSeconds(1)));

    ApplicationFailure failure = postFails("#incidents");

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void unknownChannelIsPermanentAndNamesTheMethodAndTheError() {
    ApplicationFailure failure = postFails("#no-such-channel");

    assertThat(failure.getType()).isEqualTo(ProviderFailures.REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo("Slack chat.postMessage (#no-such-channel) failed: channel_not_found");
  }

  @Test
  void wrongTokenIsPermanentAndNeverShowsTheToken() throws Exception {
    try (SlackClient wrongToken =
        new SlackClient(fake.apiUrlPrefix(), "xoxb-not-the-token", Duration.ofSeconds(1))) {
      ApplicationFailure failure =
          catchThrowableOfType(
              ApplicationFailure.class, () -> wrongToken.post(message("#incidents"), false));

      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage())
          .contains("chat.postMessage", "invalid_auth")
          .doesNotContain("xoxb");
      assertThat(wrongToken.toString()).doesNotContain("xoxb");
    }
  }

  @Test
  void aChannelListWithoutItsChannelsIsARetryableFailureThatSaysSoNotANullPointer() {
    fake.failNext("conversations.list", 1, FakeSlackFault.okWithout("channels"));

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client.update("1763897400.000042", message("#incidents")));

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .isEqualTo("Slack conversations.list (#incidents) answered without its 'channels' list");
  }

  @Test
  void otherEnvelopeErrorsArePermanent() {
    fake.failNext("chat.postMessage", 1, FakeSlackFault.error("not_in_channel"));

    ApplicationFailure failure = postFails("#incidents");

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("chat.postMessage", "not_in_channel");
  }

  @Test
  void updatingAMessageSlackDoesNotHaveIsPermanent() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client.update("1763897400.000042", message(FakeSlack.DEFAULT_CHANNEL_ID)));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("chat.update", "message_not_found");
  }

  private ApplicationFailure postFails(String channel) {
    return catchThrowableOfType(
        ApplicationFailure.class, () -> client.post(message(channel), false));
  }

  private static SlackMessage message(String channel) {
    return SlackMessage.text(
        channel, null, "Checkout API 5xx spike", "INC-20261123-1/note-1", "INC-20261123-1");
  }
}
