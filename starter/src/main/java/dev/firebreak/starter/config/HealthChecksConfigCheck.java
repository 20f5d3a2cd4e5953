package dev.firebreak.starter.config;

import java.util.function.BiConsumer;

/**
 * Checks the {@code healthChecks} block: a confirmation that fits in a health-check activity's
 * time.
 */
final class HealthChecksConfigCheck {

  private HealthChecksConfigCheck() {}

  static void check(HealthChecksConfig healthChecks, BiConsumer<String, String> report) {
    int confirmations = healthChecks.confirmations();
    if (confirmations < 1 || confirmations > HealthChecksConfig.MAX_CONFIRMATIONS) {
      report.accept(
          "healthChecks.confirmations",
          "must be between 1 and "
              + HealthChecksConfig.MAX_CONFIRMATIONS
              + ", not "
              + confirmations);
    }
    ConfigValidator.checkOptionalDuration("healthChecks.interval", healthChecks.interval(), report);
    DurationText.parse(healthChecks.interval())
        .filter(interval -> interval.compareTo(HealthChecksConfig.MAX_INTERVAL) > 0)
        .ifPresent(
            interval ->
                report.accept(
                    "healthChecks.interval",
                    "must be at most "
                        + HealthChecksConfig.MAX_INTERVAL.toSeconds()
                        + "s (a recheck is quick), not '"
                        + healthChecks.interval()
                        + "'"));
  }
}
