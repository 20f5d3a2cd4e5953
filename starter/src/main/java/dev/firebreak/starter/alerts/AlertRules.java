package dev.firebreak.starter.alerts;

import dev.firebreak.starter.config.AlertsConfig;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.incidents.DeclarationRules;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.workflows.incident.Severity;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Maps an alert to the service it concerns, the severity of the incident it opens, and whether its
 * resolution resolves that incident: the first matching rule decides, then the alert's own {@code
 * service} and {@code severity} labels, then the config's defaults.
 */
final class AlertRules {

  /** What the rules made of one alert. */
  record Routing(String service, Severity severity, boolean autoResolve) {}

  /** Prometheus conventions for a severity label, as the runbooks rank them. */
  private static final Map<String, Severity> SEVERITY_WORDS =
      Map.of(
          "critical",
          Severity.P1,
          "page",
          Severity.P1,
          "high",
          Severity.P2,
          "error",
          Severity.P2,
          "warning",
          Severity.P3,
          "medium",
          Severity.P3,
          "low",
          Severity.P4,
          "info",
          Severity.P4);

  private final FirebreakConfig config;

  AlertRules(FirebreakConfig config) {
    this.config = config;
  }

  Routing route(ReceivedAlert alert) {
    AlertsConfig alerts = config.alerts();
    AlertsConfig.Rule rule =
        alerts.rules().stream()
            .filter(r -> r != null && matches(r, alert))
            .findFirst()
            .orElse(null);
    String service =
        Stream.of(
                rule == null ? null : rule.service(),
                alert.labels().get("service"),
                alerts.defaultService())
            .filter(Objects::nonNull)
            .findFirst()
            .orElseThrow(
                () ->
                    new Refusal(
                        422,
                        "unroutable",
                        "No rule maps alert '"
                            + alert.title()
                            + "' to a service and it has no 'service' label; add a rule to alerts.rules or set alerts.defaultService."));
    if (config.service(service).isEmpty()) {
      throw new Refusal(
          422,
          "unroutable",
          "Alert '"
              + alert.title()
              + "' is for service '"
              + service
              + "', which the config does not have (known: "
              + DeclarationRules.knownServices(config)
              + ").");
    }
    Severity severity =
        rule != null && rule.severity() != null
            ? Severity.valueOf(rule.severity())
            : severityLabel(
                alert.labels().get("severity"), Severity.valueOf(alerts.defaultSeverity()));
    boolean autoResolve =
        rule != null && rule.autoResolve() != null ? rule.autoResolve() : alerts.autoResolve();
    return new Routing(service, severity, autoResolve);
  }

  /**
   * A resolution's values are under the thresholds by nature (that is why it resolved), so a
   * resolved alert is matched on its source and labels only: it reaches the service, and the
   * auto-resolve choice, of the rule its firing matched, whatever value it carries.
   */
  private static boolean matches(AlertsConfig.Rule rule, ReceivedAlert alert) {
    return (rule.source() == null || rule.source().equals(alert.source().label()))
        && rule.match().entrySet().stream()
            .allMatch(m -> m.getValue().equals(alert.labels().get(m.getKey())))
        && (!alert.firing()
            || (beyond(rule.above(), alert, +1) && beyond(rule.below(), alert, -1)));
  }

  /**
   * Whether every threshold is crossed: strictly above it for direction +1, strictly below for -1.
   * A value the alert does not carry never crosses, so a rule cannot fire on missing data.
   */
  private static boolean beyond(
      Map<String, Double> thresholds, ReceivedAlert alert, int direction) {
    return thresholds.entrySet().stream()
        .allMatch(
            t -> {
              Double value = alert.values().get(t.getKey());
              return value != null && Double.compare(value, t.getValue()) * direction > 0;
            });
  }

  private static Severity severityLabel(String label, Severity fallback) {
    if (label == null) {
      return fallback;
    }
    String word = label.trim().toUpperCase(Locale.ROOT);
    for (Severity severity : Severity.values()) {
      if (severity.name().equals(word)) {
        return severity;
      }
    }
    return SEVERITY_WORDS.getOrDefault(word.toLowerCase(Locale.ROOT), fallback);
  }
}
