package dev.firebreak.activities.fakes;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * Faults a fake applies to its next calls, in the order they were asked for: rate limits, server
 * errors, slow answers and answers lost after the request was processed.
 */
public final class FaultInjection {

  /** Queued in place of a fault: this call is answered normally. */
  private static final MockResponse PASS = new MockResponse();

  private final Queue<MockResponse> pending = new ConcurrentLinkedQueue<>();
  private final BiFunction<Integer, String, String> errorEnvelope;

  /**
   * @param errorEnvelope the provider's error body for a status and message
   */
  public FaultInjection(BiFunction<Integer, String, String> errorEnvelope) {
    this.errorEnvelope = errorEnvelope;
  }

  /** The next {@code calls} calls get 429 with this {@code Retry-After} (null for none). */
  public FaultInjection rateLimitNext(int calls, String retryAfter) {
    for (int i = 0; i < calls; i++) {
      MockResponse response = error(429, "rate limit exceeded");
      if (retryAfter != null) {
        response.setHeader("Retry-After", retryAfter);
      }
      pending.add(response);
    }
    return this;
  }

  /**
   * The next {@code calls} calls are answered normally, so that a fault queued after them hits a
   * later call.
   */
  public FaultInjection passNext(int calls) {
    for (int i = 0; i < calls; i++) {
      pending.add(PASS);
    }
    return this;
  }

  /** The next {@code calls} calls get this status with the provider's error envelope. */
  public FaultInjection failNext(int calls, int status) {
    for (int i = 0; i < calls; i++) {
      pending.add(error(status, status >= 500 ? "internal server error" : "request failed"));
    }
    return this;
  }

  /**
   * The next {@code calls} calls answer only after {@code delay}: long enough to trip a client
   * timeout.
   */
  public FaultInjection slowNext(int calls, Duration delay) {
    for (int i = 0; i < calls; i++) {
      pending.add(error(503, "slow").setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS));
    }
    return this;
  }

  /** The next {@code calls} requests are received, then the connection drops before any answer. */
  public FaultInjection disconnectNext(int calls) {
    for (int i = 0; i < calls; i++) {
      pending.add(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }
    return this;
  }

  /** The fault for this call, or null to answer it normally. */
  MockResponse poll() {
    MockResponse next = pending.poll();
    return next == PASS ? null : next;
  }

  private MockResponse error(int status, String message) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(errorEnvelope.apply(status, message));
  }
}
