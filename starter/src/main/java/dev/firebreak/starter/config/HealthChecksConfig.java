package dev.firebreak.starter.config;

import java.time.Duration;

/**
 * How a failing health check is confirmed before it changes anything (refuses a resolve, reopens an
 * incident, fails a maintenance window and so rolls back): {@code confirmations} checks in a row,
 * {@code interval} apart, must all fail. Unset fields take 2 checks 3 seconds apart, so one dropped
 * connection or slow answer is not an outage.
 *
 * @param confirmations how many checks in a row must fail, the first included (1 to {@link
 *     #MAX_CONFIRMATIONS})
 * @param interval the pause before each recheck (at most {@link #MAX_INTERVAL})
 */
public record HealthChecksConfig(Integer confirmations, String interval) {

  /**
   * With {@link #MAX_INTERVAL}, the largest confirmation (3 checks of 10 s, 10 s apart) still fits
   * in the minute a health-check activity may run.
   */
  static final int MAX_CONFIRMATIONS = 3;

  static final Duration MAX_INTERVAL = Duration.ofSeconds(10);

  public HealthChecksConfig {
    confirmations = confirmations == null ? 2 : confirmations;
    interval = interval == null ? "3s" : interval;
  }

  static HealthChecksConfig defaults() {
    return new HealthChecksConfig(null, null);
  }

  /** The validated interval. */
  public Duration intervalDuration() {
    return DurationText.require(interval);
  }
}
