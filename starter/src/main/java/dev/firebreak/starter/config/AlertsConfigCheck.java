package dev.firebreak.starter.config;

import dev.firebreak.workflows.incident.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Checks the {@code alerts} block: known senders, severities and services, and a usable header
 * name.
 */
final class AlertsConfigCheck {

  private static final String PATH = "alerts";
  private static final List<String> SEVERITIES =
      Arrays.stream(Severity.values()).map(Enum::name).toList();
  // RFC 9110 token characters: anything else cannot be sent as a header name.
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

  private AlertsConfigCheck() {}

  static void check(FirebreakConfig config, BiConsumer<String, String> report) {
    AlertsConfig alerts = config.alerts();
    if (!HEADER_NAME.matcher(alerts.secretHeader()).matches()) {
      report.accept(
          PATH + ".secretHeader",
          "must be an HTTP header name like " + AlertsConfig.DEFAULT_SECRET_HEADER);
    }
    checkSeverity(PATH + ".defaultSeverity", alerts.defaultSeverity(), report);
    checkService(config, PATH + ".defaultService", alerts.defaultService(), report);
    alerts
        .channels()
        .forEach(
            (severity, channel) -> {
              checkSeverity(PATH + ".channels." + severity, severity, report);
              SlackProviderCheck.checkChannel(PATH + ".channels." + severity, channel, report);
            });
    for (int i = 0; i < alerts.rules().size(); i++) {
      AlertsConfig.Rule rule = alerts.rules().get(i);
      String path = PATH + ".rules[" + i + "]";
      if (rule == null) {
        continue;
      }
      if (rule.source() != null && !AlertsConfig.SOURCES.contains(rule.source())) {
        report.accept(
            path + ".source",
            "unknown sender '"
                + rule.source()
                + "' (known: "
                + String.join(", ", AlertsConfig.SOURCES)
                + ")");
      }
      if (rule.service() == null && rule.severity() == null && rule.autoResolve() == null) {
        report.accept(path, "decides nothing: give service, severity or autoResolve");
      }
      checkSeverity(path + ".severity", rule.severity(), report);
      checkService(config, path + ".service", rule.service(), report);
      checkNumbers(path + ".above.", rule.above(), report);
      checkNumbers(path + ".below.", rule.below(), report);
      rule.below()
          .forEach(
              (value, low) -> {
                Double high = rule.above().get(value);
                if (low != null && high != null && low <= high) {
                  report.accept(
                      path + ".below." + value,
                      "can never fire: "
                          + value
                          + " must be below "
                          + low
                          + " and above "
                          + high
                          + " at once");
                }
              });
    }
  }

  private static void checkNumbers(
      String prefix, Map<String, Double> thresholds, BiConsumer<String, String> report) {
    thresholds.forEach(
        (value, threshold) -> {
          if (threshold == null) {
            report.accept(prefix + value, "must be a number such as 5 (for 5 %)");
          }
        });
  }

  private static void checkSeverity(
      String path, String severity, BiConsumer<String, String> report) {
    if (severity != null && !SEVERITIES.contains(severity)) {
      report.accept(
          path,
          "unknown severity '" + severity + "' (known: " + String.join(", ", SEVERITIES) + ")");
    }
  }

  private static void checkService(
      FirebreakConfig config, String path, String service, BiConsumer<String, String> report) {
    if (service != null && config.service(service).isEmpty()) {
      report.accept(path, "no service named '" + service + "' in services");
    }
  }
}
