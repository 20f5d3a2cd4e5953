package dev.firebreak.starter.config;

import java.util.function.BiConsumer;

/** Checks a service's {@code rollback} block: durations, roles and a sane number of health checks. */
final class RollbackConfigCheck {

  private RollbackConfigCheck() {}

  static void check(String path, RollbackConfig rollback, BiConsumer<String, String> report) {
    ConfigValidator.checkOptionalDuration(path + ".approvalTimeout", rollback.approvalTimeout(), report);
    ConfigValidator.checkOptionalDuration(path + ".pollInterval", rollback.pollInterval(), report);
    ConfigValidator.checkOptionalDuration(path + ".liveTimeout", rollback.liveTimeout(), report);
    ConfigValidator.checkOptionalDuration(path + ".healthInterval", rollback.healthInterval(), report);
    if (rollback.healthChecks() < 1) {
      report.accept(path + ".healthChecks", "must be at least 1");
    }
    for (int r = 0; r < rollback.roles().size(); r++) {
      String role = rollback.roles().get(r);
      if (!ConfigValidator.ROLES.contains(role)) {
        report.accept(path + ".roles[" + r + "]",
            "unknown role '" + role + "' (known: " + String.join(", ", ConfigValidator.ROLES) + ")");
      }
    }
  }
}
