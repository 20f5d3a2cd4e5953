package dev.firebreak.activities.http;

import dev.firebreak.workflows.common.HumanDuration;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one place where a provider's answer becomes a Temporal failure. Rate limits retry after the
 * provider's {@code Retry-After}; 5xx, 408 and transport errors retry on the activity's backoff;
 * any other 4xx is permanent, because retrying a request the provider rejected only repeats the
 * mistake. Provider clients call this and never decide retryability themselves.
 */
public final class ProviderFailures {

  public static final String RATE_LIMITED = "ProviderRateLimited";
  public static final String UNAVAILABLE = "ProviderUnavailable";
  public static final String REJECTED = "ProviderRejected";

  /** Used when a provider says "slow down" without saying for how long. */
  static final Duration DEFAULT_RATE_LIMIT_DELAY = Duration.ofSeconds(30);

  private ProviderFailures() {}

  /** Maps an HTTP status (and the provider's own error message) to a failure to throw. */
  public static ApplicationFailure forStatus(
      String provider, int status, String providerMessage, String retryAfterHeader) {
    String message = provider + " answered HTTP " + status + describe(providerMessage);
    if (status == 429 || status == 420) {
      return rateLimited(provider, message, parseRetryAfter(retryAfterHeader));
    }
    if (status >= 500 || status == 408) {
      return unavailable(message, null);
    }
    return rejected(message);
  }

  public static ApplicationFailure rateLimited(
      String provider, String message, Duration retryAfter) {
    Duration delay = retryAfter == null ? DEFAULT_RATE_LIMIT_DELAY : retryAfter;
    return ApplicationFailure.newFailureWithCauseAndDelay(
        message + " (" + provider + " asked to retry after " + HumanDuration.exact(delay) + ")",
        RATE_LIMITED,
        null,
        delay);
  }

  /**
   * Our own pacing turned the call away before anything was sent; the activity is to come back
   * after {@code delay}. It is the plan working, not a failure, so it is marked benign: the SDK
   * logs it at debug rather than as a warning with a stack trace, and counts no failure metric (a
   * storm of held-back announcements wrote hundreds of stack traces a minute).
   */
  public static ApplicationFailure heldBack(String message, Duration delay) {
    return ApplicationFailure.newBuilder()
        .setMessage(message + " (retrying in " + HumanDuration.exact(delay) + ")")
        .setType(RATE_LIMITED)
        .setNextRetryDelay(delay)
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }

  public static ApplicationFailure unavailable(String message, Throwable cause) {
    return ApplicationFailure.newFailureWithCause(message, UNAVAILABLE, cause);
  }

  public static ApplicationFailure rejected(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, REJECTED);
  }

  /**
   * Reads {@code Retry-After} as delta-seconds or as an HTTP date; null when absent or unreadable.
   */
  public static Duration parseRetryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return Duration.ofSeconds(Math.max(0, seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration untilThen = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return untilThen.isNegative() ? Duration.ZERO : untilThen;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static String describe(String providerMessage) {
    return providerMessage == null || providerMessage.isBlank() ? "" : ": " + providerMessage;
  }
}
