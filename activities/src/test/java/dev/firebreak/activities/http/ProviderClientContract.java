package dev.firebreak.activities.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.activities.fakes.FakeServer;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every provider client must do when its provider misbehaves: wait as long as a 429 says,
 * retry a 5xx, and give up on a slow answer at its timeout so that Temporal retries. A client test
 * extends this and says how to make one successful call.
 */
public abstract class ProviderClientContract {

  /** The timeout clients under test are built with. */
  protected static final Duration TIMEOUT = Duration.ofMillis(300);

  protected static final HttpTransport TRANSPORT = HttpTransport.withCallDeadlinesOnly();

  /** The fake the client talks to. */
  protected abstract FakeServer fake();

  /** One call that succeeds against the fake when no fault is injected. */
  protected abstract void callProvider();

  @AfterEach
  void closeFake() {
    fake().close();
  }

  @Test
  void rateLimitIsRetriedAfterTheProvidersRetryAfter() {
    fake().faults().rateLimitNext(1, "7");

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, this::callProvider);

    assertThat(failure.getType()).isEqualTo(ProviderFailures.RATE_LIMITED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThatCode(this::callProvider).doesNotThrowAnyException();
  }

  @Test
  void serverErrorIsRetryableAndTheRetrySucceeds() {
    fake().faults().failNext(1, 503);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, this::callProvider);

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThatCode(this::callProvider).doesNotThrowAnyException();
  }

  @Test
  void answerSlowerThanTheTimeoutIsRetryable() {
    fake().faults().slowNext(1, TIMEOUT.multipliedBy(3));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, this::callProvider);

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(failure.getOriginalMessage()).contains("did not answer within 300ms");
  }

  /** Asserts that the call fails permanently with exactly this message. */
  protected static void assertRejected(Runnable call, String message) {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, call::run);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ProviderFailures.REJECTED);
    assertThat(failure.getOriginalMessage()).isEqualTo(message);
  }
}
