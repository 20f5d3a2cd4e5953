package dev.firebreak.starter.config;

import java.util.function.BiConsumer;

/**
 * Checks a service's {@code rollback} block: durations, roles and a sane number of health checks.
 */
final class RollbackConfigCheck {

  private RollbackConfigCheck() {}

  static void check(String path, RollbackConfig rollback, BiConsumer<String, String> report) {
    ConfigValidator.checkOptionalDuration(
        path + ".approvalTimeout", rollback.approvalTimeout(), report);
    // Dev mode's simulated platform answers at once, so polling may be quicker than a second there.
    ConfigValidator.checkOptionalDuration(
        path + ".pollInterval", rollback.pollInterval(), "PT0.05S", "1h", report);
    ConfigValidator.checkOptionalDuration(path + ".liveTimeout", rollback.liveTimeout(), report);
    ConfigValidator.checkOptionalDuration(
        path + ".healthInterval", rollback.healthInterval(), "PT0.05S", "1h", report);
    if (rollback.healthChecks() < 1) {
      report.accept(path + ".healthChecks", "must be at least 1");
    }
    for (int r = 0; r < rollback.roles().size(); r++) {
      String role = rollback.roles().get(r);
      if (!ConfigValidator.ROLES.contains(role)) {
        report.accept(
            path + ".roles[" + r + "]",
            "unknown role '"
                + role
                + "' (known: "
                + String.join(", ", ConfigValidator.ROLES)
                + ")");
      }
    }
  }
}
