package dev.firebreak.starter.config;

import dev.firebreak.workflows.incident.Severity;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Checks the {@code heartbeats} list (names, slugs, schedule, durations, service, severity, token)
 * and the project's {@code heartbeatPingKey}.
 */
final class HeartbeatConfigCheck {

  private HeartbeatConfigCheck() {}

  static void check(FirebreakConfig config, BiConsumer<String, String> report) {
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> tokens = new HashMap<>();
    Map<String, Integer> slugs = new HashMap<>();
    boolean pingKey = !ConfigValidator.blank(config.heartbeatPingKey());
    for (int i = 0; i < config.heartbeats().size(); i++) {
      HeartbeatConfig heartbeat = config.heartbeats().get(i);
      String path = "heartbeats[" + i + "]";
      if (heartbeat == null) {
        continue;
      }
      if (ConfigValidator.blank(heartbeat.name())) {
        report.accept(path + ".name", "is required");
      } else if (!ConfigValidator.SERVICE_NAME.matcher(heartbeat.name()).matches()) {
        report.accept(
            path + ".name", "must be lower-case letters, digits and dashes, like webhook-retry");
      } else {
        ConfigValidator.noteDuplicate(
            names, heartbeat.name(), i, "heartbeats", "heartbeat name", path + ".name", report);
      }
      // A heartbeat whose name is invalid or taken already has its problem reported at the name.
      boolean ownName = Integer.valueOf(i).equals(names.get(heartbeat.name()));
      checkSlug(path, heartbeat, ownName, i, slugs, report);
      checkSchedule(path, heartbeat, report);
      // Healthchecks.io's bounds: a shorter grace turns a slow curl into a page.
      ConfigValidator.checkOptionalDuration(
          path + ".grace", heartbeat.grace(), "1m", "366d", report);
      ConfigValidator.checkOptionalDuration(
          path + ".maxRunTime", heartbeat.maxRunTime(), "1s", "366d", report);
      if (heartbeat.service() != null && config.service(heartbeat.service()).isEmpty()) {
        report.accept(
            path + ".service", "no service named '" + heartbeat.service() + "' in services");
      }
      if (Arrays.stream(Severity.values()).noneMatch(s -> s.name().equals(heartbeat.severity()))) {
        report.accept(
            path + ".severity",
            "unknown severity '" + heartbeat.severity() + "' (known: P0, P1, P2, P3, P4)");
      }
      if (ConfigValidator.blank(heartbeat.pingToken())) {
        // With a ping key the heartbeat is pinged by its slug and needs no token of its own.
        if (!pingKey) {
          report.accept(
              path + ".pingToken",
              "is required: a ${ENV} reference to the secret in the ping URL (a UUID, say), "
                  + "unless heartbeatPingKey is set");
        }
      } else {
        if (heartbeat.pingToken().trim().equals(String.valueOf(config.heartbeatPingKey()).trim())) {
          report.accept(path + ".pingToken", "must differ from heartbeatPingKey");
        }
        ConfigValidator.noteDuplicate(
            tokens,
            heartbeat.pingToken().trim(),
            i,
            "heartbeats",
            "ping token",
            path + ".pingToken",
            report);
      }
    }
  }

  private static void checkSlug(
      String path,
      HeartbeatConfig heartbeat,
      boolean ownName,
      int index,
      Map<String, Integer> slugs,
      BiConsumer<String, String> report) {
    if (heartbeat.slug() != null && !HeartbeatConfig.SLUG.matcher(heartbeat.slug()).matches()) {
      report.accept(
          path + ".slug",
          "must be lower-case letters, digits, dashes and underscores, like webhook_retry");
    } else if (heartbeat.slug() != null || ownName) {
      // Healthchecks.io answers 409 to an ambiguous slug; here the config refuses it instead.
      ConfigValidator.noteDuplicate(
          slugs,
          heartbeat.effectiveSlug(),
          index,
          "heartbeats",
          "slug",
          path + (heartbeat.slug() == null ? ".name" : ".slug"),
          report);
    }
  }

  private static void checkSchedule(
      String path, HeartbeatConfig heartbeat, BiConsumer<String, String> report) {
    boolean period = heartbeat.period() != null;
    boolean cron = heartbeat.cron() != null;
    if (period == cron) {
      report.accept(
          path + ".period",
          period
              ? "give period or cron, not both"
              : "is required (how often a ping is expected, such as 15m), or give cron instead");
      return;
    }
    if (period) {
      ConfigValidator.checkOptionalDuration(
          path + ".period", heartbeat.period(), "1m", "366d", report);
      return;
    }
    CronText.problem(heartbeat.cron()).ifPresent(problem -> report.accept(path + ".cron", problem));
    try {
      ZoneId.of(heartbeat.timeZone());
    } catch (DateTimeException e) {
      report.accept(
          path + ".timeZone",
          "unknown time zone '"
              + heartbeat.timeZone()
              + "' (use an IANA name such as UTC or Europe/London)");
    }
  }
}
