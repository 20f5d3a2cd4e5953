package dev.firebreak.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderFailuresTest {

  @Test
  void retryAfterInSecondsIsReadAsADelay() {
    assertThat(ProviderFailures.parseRetryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(ProviderFailures.parseRetryAfter(" 0 ")).isEqualTo(Duration.ZERO);
  }

  @Test
  void retryAfterAsAnHttpDateIsReadAsTheTimeUntilThen() {
    String inAMinute =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));

    assertThat(ProviderFailures.parseRetryAfter(inAMinute))
        .isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
  }

  @Test
  void retryAfterInThePastMeansRetryNow() {
    assertThat(ProviderFailures.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void absentOrUnreadableRetryAfterIsNull() {
    assertThat(ProviderFailures.parseRetryAfter(null)).isNull();
    assertThat(ProviderFailures.parseRetryAfter(" ")).isNull();
    assertThat(ProviderFailures.parseRetryAfter("soon")).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {420, 429})
  void rateLimitsRetryAfterTheProvidersDelay(int status) {
    ApplicationFailure failure =
        ProviderFailures.forStatus("Statuspage", status, "slow down", "12");

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(ProviderFailures.RATE_LIMITED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(12));
    assertThat(failure.getOriginalMessage())
        .contains("Statuspage answered HTTP " + status + ": slow down");
  }

  @Test
  void rateLimitWithoutRetryAfterWaitsTheDefaultDelay() {
    ApplicationFailure failure = ProviderFailures.forStatus("Vercel", 429, null, null);

    assertThat(failure.getNextRetryDelay()).isEqualTo(ProviderFailures.DEFAULT_RATE_LIMIT_DELAY);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 408})
  void serverErrorsAndRequestTimeoutsRetryOnTheActivityBackoff(int status) {
    ApplicationFailure failure = ProviderFailures.forStatus("Render", status, "oops", null);

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(failure.getNextRetryDelay()).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 422})
  void otherClientErrorsArePermanentAndCarryTheProvidersMessage(int status) {
    ApplicationFailure failure =
        ProviderFailures.forStatus("Vercel", status, "Not authorized", null);

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ProviderFailures.REJECTED);
    assertThat(failure.getOriginalMessage())
        .isEqualTo("Vercel answered HTTP " + status + ": Not authorized");
  }

  /** Below a second, whole seconds and beyond a minute: each as people read a limit. */
  static Stream<Arguments> delays() {
    return Stream.of(
        Arguments.of(Duration.ofMillis(500), "500ms"),
        Arguments.of(Duration.ofSeconds(30), "30s"),
        Arguments.of(Duration.ofSeconds(90), "1m 30s"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("delays")
  void aRateLimitAndAHeldBackCallSayTheirDelayAsTheOneDurationHumaniserDoes(
      Duration delay, String said) {
    assertThat(ProviderFailures.rateLimited("Slack", "ratelimited", delay).getOriginalMessage())
        .isEqualTo("ratelimited (Slack asked to retry after " + said + ")");
    assertThat(ProviderFailures.heldBack("held back", delay).getOriginalMessage())
        .isEqualTo("held back (retrying in " + said + ")");
  }
}
