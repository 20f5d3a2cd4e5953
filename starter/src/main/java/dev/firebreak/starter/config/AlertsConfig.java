package dev.firebreak.starter.config;

import java.util.List;
import java.util.Map;

/**
 * How {@code POST /api/v1/alerts} turns alerts into incidents. Rules are tried in order and the
 * first that matches decides; what no rule decides comes from the alert's own {@code service} and
 * {@code severity} labels, then from {@code defaultService} and {@code defaultSeverity} (P3).
 *
 * @param secretHeader the header Alertmanager or Grafana sends the shared secret in ({@code
 *     X-Firebreak-Alert-Secret} when unset)
 * @param secret the shared secret those senders prove themselves with
 * @param sentryClientSecret the Sentry integration's client secret, which signs its webhooks
 * @param autoResolve whether an alert that resolves resolves its incident, unless a rule says
 *     otherwise
 * @param channels the Slack channel each severity's alert incidents announce in, such as {@code
 *     {P0: "#alerts-critical"}}; a severity without one uses the main channel
 */
public record AlertsConfig(
    String secretHeader,
    @Secret String secret,
    @Secret String sentryClientSecret,
    String defaultService,
    String defaultSeverity,
    Boolean autoResolve,
    Map<String, String> channels,
    List<Rule> rules) {

  public static final String DEFAULT_SECRET_HEADER = "X-Firebreak-Alert-Secret";
  public static final List<String> SOURCES =
      List.of("alertmanager", "grafana", "sentry", "generic");

  public AlertsConfig {
    secretHeader = secretHeader == null ? DEFAULT_SECRET_HEADER : secretHeader;
    defaultSeverity = defaultSeverity == null ? "P3" : defaultSeverity;
    autoResolve = autoResolve != null && autoResolve;
    channels = channels == null ? Map.of() : Map.copyOf(channels);
    rules = ConfigShape.listOf(rules);
  }

  static AlertsConfig defaults() {
    return new AlertsConfig(null, null, null, null, null, null, null, null);
  }

  /**
   * One mapping, for example {@code { match: {alertname: HighErrorRate}, above: {error_rate: 5},
   * service: recoup-backend, severity: P1 }} for the runbooks' "error rate > 5 % → P1".
   *
   * @param source only alerts from this sender; any sender when unset
   * @param match labels that must all have these values (Sentry tags and level count as labels)
   * @param above values that must all exceed these thresholds: a Grafana value, or a label,
   *     annotation or generic {@code value} that reads as a number ("7.2", "7.2%")
   * @param below values that must all fall strictly under these thresholds, such as {@code {uptime:
   *     99}} for "uptime < 99 %"; read like {@code above}
   * @param autoResolve overrides {@link AlertsConfig#autoResolve} for the alerts this rule maps
   */
  public record Rule(
      String source,
      Map<String, String> match,
      Map<String, Double> above,
      Map<String, Double> below,
      String service,
      String severity,
      Boolean autoResolve) {
    public Rule {
      match = match == null ? Map.of() : Map.copyOf(match);
      above = above == null ? Map.of() : Map.copyOf(above);
      below = below == null ? Map.of() : Map.copyOf(below);
    }
  }
}
