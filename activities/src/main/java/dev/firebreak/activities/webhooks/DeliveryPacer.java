package dev.firebreak.activities.webhooks;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces deliveries evenly at the endpoint's rate: each send gets the next slot, {@code 1/rate}
 * after the previous one. A late send does not make the next ones burst to catch up, so the
 * endpoint never sees more than its rate; an endpoint that answers 429 moves the next slot past its
 * {@code Retry-After}. Long waits are cut into short ones so the activity keeps heartbeating.
 */
final class DeliveryPacer {

  private static final long MAX_WAIT_WITHOUT_HEARTBEAT_NANOS = Duration.ofSeconds(1).toNanos();

  private final long intervalNanos;
  private long nextSlot = System.nanoTime();

  DeliveryPacer(double ratePerSecond) {
    this.intervalNanos = (long) (1_000_000_000L / ratePerSecond);
  }

  /** Waits for this send's slot, heartbeating at least every second while waiting. */
  void awaitTurn(Runnable heartbeat) {
    long now = System.nanoTime();
    while (nextSlot - now > 0) {
      LockSupport.parkNanos(Math.min(nextSlot - now, MAX_WAIT_WITHOUT_HEARTBEAT_NANOS));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pacing deliveries");
      }
      heartbeat.run();
      now = System.nanoTime();
    }
    // Timer overshoot of a few microseconds must not slow the pace; only a send late by more than a
    // whole interval restarts it from now.
    nextSlot = (now - nextSlot > intervalNanos ? now : nextSlot) + intervalNanos;
  }

  /** The endpoint asked for a break: no send before {@code delay} from now. */
  void holdFor(Duration delay) {
    nextSlot = Math.max(nextSlot, System.nanoTime() + delay.toNanos());
  }
}
