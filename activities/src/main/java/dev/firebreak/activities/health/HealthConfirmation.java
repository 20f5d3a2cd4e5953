package dev.firebreak.activities.health;

import java.time.Duration;

/**
 * How sure a failing health check must be before it counts: {@code checks} checks in a row, {@code
 * interval} apart, must all fail. One blip (a dropped connection, a slow garbage collection) must
 * not refuse a resolve, reopen an incident, fail a maintenance window or roll a service back.
 *
 * @param checks how many checks in a row must fail, the first included; 1 believes the first
 */
public record HealthConfirmation(int checks, Duration interval) {

  /** Every failure is believed at once: for tests and callers that confirm by themselves. */
  public static final HealthConfirmation FIRST_CHECK = new HealthConfirmation(1, Duration.ZERO);

  public HealthConfirmation {
    if (checks < 1 || interval == null || interval.isNegative()) {
      throw new IllegalArgumentException(
          "a confirmation needs at least one check and a non-negative interval");
    }
  }
}
