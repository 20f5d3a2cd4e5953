package dev.firebreak.starter.config;

import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.maintenance.MaintenanceLimits;
import dev.firebreak.workflows.maintenance.MaintenanceRecurrence;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Checks {@code maintenance}: the windows (names, services, recurrence, durations, audiences and
 * every step), the named steps requests may add, and the extra hosts ad-hoc steps may call.
 */
public final class MaintenanceConfigCheck {

  static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
  // Window names end up in API paths and logs, so they stay plain like service names.
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private MaintenanceConfigCheck() {}

  static void check(FirebreakConfig config, BiConsumer<String, String> report) {
    MaintenanceConfig maintenance = config.maintenance();
    ConfigValidator.checkOptionalDuration(
        "maintenance.horizon",
        maintenance.horizon(),
        "1h",
        MaintenanceLimits.MAX_HORIZON.toDays() + "d",
        report);
    ConfigValidator.checkOptionalDuration(
        "maintenance.maxDuration",
        maintenance.maxDuration(),
        "1m",
        MaintenanceLimits.MAX_LENGTH.toDays() + "d",
        report);
    Map<String, Integer> seen = new HashMap<>();
    List<MaintenanceWindowConfig> windows = config.maintenance().windows();
    for (int i = 0; i < windows.size(); i++) {
      MaintenanceWindowConfig window = windows.get(i);
      String path = "maintenance.windows[" + i + "]";
      if (window == null) {
        continue;
      }
      if (window.name() == null || !NAME.matcher(window.name()).matches()) {
        report.accept(
            path + ".name",
            "is required: lower-case letters, digits and dashes, like monthly-backend");
      } else if (seen.putIfAbsent(window.name(), i) != null) {
        report.accept(
            path + ".name",
            "duplicate window name '"
                + window.name()
                + "' (also maintenance.windows["
                + seen.get(window.name())
                + "])");
      }
      checkWindow(path, window, config, report);
      checkLength(path + ".duration", window.duration(), maintenance, report);
    }
    checkNamedSteps(config.maintenance().steps(), report);
    List<String> hosts = config.maintenance().allowedHosts();
    for (int h = 0; h < hosts.size(); h++) {
      if (hosts.get(h) == null || !AllowedHosts.ENTRY.matcher(hosts.get(h)).matches()) {
        report.accept(
            "maintenance.allowedHosts[" + h + "]",
            "must be a host name, optionally with :port "
                + "(like ops.example.com or 10.0.0.5:8080), not '"
                + hosts.get(h)
                + "'");
      }
    }
  }

  /** Requests name these steps, so each needs a plain name of its own. */
  private static void checkNamedSteps(
      List<MaintenanceStepConfig> steps, BiConsumer<String, String> report) {
    checkSteps("maintenance.steps", steps, report);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      MaintenanceStepConfig step = steps.get(i);
      if (step == null || step.name() == null || step.name().isBlank()) {
        continue;
      }
      if (!NAME.matcher(step.name()).matches()) {
        report.accept(
            "maintenance.steps[" + i + "].name",
            "must be lower-case letters, digits and dashes, like "
                + "purge-cdn (requests name it)");
      } else if (seen.putIfAbsent(step.name(), i) != null) {
        report.accept(
            "maintenance.steps[" + i + "].name",
            "duplicate step name '"
                + step.name()
                + "' (also maintenance.steps["
                + seen.get(step.name())
                + "])");
      }
    }
  }

  private static void checkWindow(
      String path,
      MaintenanceWindowConfig window,
      FirebreakConfig config,
      BiConsumer<String, String> report) {
    if (window.services().isEmpty()) {
      report.accept(path + ".services", "must list at least one service");
    }
    for (int s = 0; s < window.services().size(); s++) {
      String service = window.services().get(s);
      if (service != null && config.service(service).isEmpty()) {
        report.accept(path + ".services[" + s + "]", "unknown service '" + service + "'");
      }
    }
    checkRecurrence(path, window, report);
    for (int o = 0; o < window.announce().offsets().size(); o++) {
      ConfigValidator.checkOptionalDuration(
          path + ".announce.offsets[" + o + "]", window.announce().offsets().get(o), report);
    }
    for (int e = 0; e < window.announce().emails().size(); e++) {
      String email = window.announce().emails().get(e);
      if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
        report.accept(
            path + ".announce.emails[" + e + "]", "must be an email address, not '" + email + "'");
      }
    }
    if (!window.announce().emails().isEmpty() && config.providers().sendgrid() == null) {
      report.accept(
          path + ".announce.emails", "needs providers.sendgrid (the account that sends the mail)");
    }
    checkSteps(path + ".preChecks", window.preChecks(), report);
    checkSteps(path + ".steps", window.steps(), report);
    checkSteps(path + ".postChecks", window.postChecks(), report);
    MaintenanceWindowConfig.MaintenanceMode mode = window.maintenanceMode();
    if (mode != null) {
      checkCall(path + ".maintenanceMode.enable", mode.enable(), report);
      checkCall(path + ".maintenanceMode.disable", mode.disable(), report);
    }
    ConfigValidator.checkOptionalDuration(
        path + ".monitoringPeriod", window.monitoringPeriod(), report);
    ConfigValidator.checkOptionalDuration(
        path + ".silenceTail", window.silenceTail(), "1m", "1d", report);
    ConfigValidator.checkOptionalDuration(
        path + ".monitoringInterval", window.monitoringInterval(), report);
    ConfigValidator.checkOptionalDuration(
        path + ".manualStepTimeout", window.manualStepTimeout(), report);
    if (Arrays.stream(Severity.values())
        .noneMatch(s -> s.name().equals(window.incidentSeverity()))) {
      report.accept(
          path + ".incidentSeverity",
          "unknown severity '" + window.incidentSeverity() + "' (known: P0, P1, P2, P3, P4)");
    }
  }

  /** A recurring window is held to the same longest length as a window scheduled over the API. */
  private static void checkLength(
      String path,
      String duration,
      MaintenanceConfig maintenance,
      BiConsumer<String, String> report) {
    Optional<Duration> length = DurationText.parse(duration);
    Optional<Duration> limit = DurationText.parse(maintenance.maxDuration());
    if (length.isPresent() && limit.isPresent() && length.get().compareTo(limit.get()) > 0) {
      report.accept(
          path,
          "must be at most maintenance.maxDuration ("
              + maintenance.maxDuration()
              + "), not '"
              + duration
              + "'");
    }
  }

  private static void checkRecurrence(
      String path, MaintenanceWindowConfig window, BiConsumer<String, String> report) {
    ZoneId zone;
    try {
      zone = ZoneId.of(window.zone());
    } catch (DateTimeException e) {
      report.accept(
          path + ".zone",
          "'" + window.zone() + "' is not a time zone (such as UTC or Europe/Berlin)");
      return;
    }
    if (window.recurrence() == null) {
      return;
    }
    try {
      MaintenanceRecurrence.parse(window.recurrence(), zone);
    } catch (IllegalArgumentException e) {
      report.accept(path + ".recurrence", e.getMessage());
    }
    if (window.duration() == null) {
      report.accept(
          path + ".duration",
          "is required with a recurrence (how long each window lasts, like 2h)");
    } else {
      ConfigValidator.checkOptionalDuration(path + ".duration", window.duration(), report);
    }
  }

  /** Also checks the steps of an API request, so both say the same about the same mistake. */
  public static void checkSteps(
      String path, List<MaintenanceStepConfig> steps, BiConsumer<String, String> report) {
    for (int i = 0; i < steps.size(); i++) {
      MaintenanceStepConfig step = steps.get(i);
      String stepPath = path + "[" + i + "]";
      if (step == null) {
        continue;
      }
      if (step.name() == null || step.name().isBlank()) {
        report.accept(stepPath + ".name", "is required");
      }
      if ((step.manual() == null) == (step.http() == null)) {
        report.accept(
            stepPath,
            "must have exactly one of 'manual' (what a person does) or 'http' (the call to make)");
      } else if (step.http() != null) {
        checkCall(stepPath + ".http", step.http(), report);
      }
    }
  }

  static void checkCall(
      String path, MaintenanceStepConfig.HttpCall call, BiConsumer<String, String> report) {
    if (call == null) {
      report.accept(path, "is required");
      return;
    }
    if (call.url() == null
        || !(call.url().startsWith("http://")
            || call.url().startsWith("https://")
            || call.url().startsWith("${"))) {
      report.accept(path + ".url", "must be an http(s) URL (it may start with a ${ENV} reference)");
    }
    if (!METHODS.contains(call.method())) {
      report.accept(
          path + ".method",
          "unknown method '" + call.method() + "' (known: " + String.join(", ", METHODS) + ")");
    }
    if (call.expectedStatus() != 0
        && (call.expectedStatus() < 100 || call.expectedStatus() > 599)) {
      report.accept(path + ".expectedStatus", "must be an HTTP status between 100 and 599");
    }
    ConfigValidator.checkOptionalDuration(path + ".timeout", call.timeout(), report);
  }
}
