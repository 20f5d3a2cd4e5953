package dev.firebreak.workflows.incident;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One alert delivery for the incident its fingerprint belongs to, already mapped by the intake's
 * rules. Fire-and-forget, so it travels as a signal.
 *
 * @param source who sent it ({@code alertmanager}, {@code grafana}, {@code sentry}, {@code
 *     generic})
 * @param firing false when the sender says the alert resolved
 * @param severity what the rules made of it; the severity of the incident the first firing opens
 * @param detail the alert's own description or summary, may be null
 * @param payload an excerpt of the alert as received, kept as the latest payload
 * @param autoResolve whether the config lets this alert's resolution resolve the incident
 * @param labels the sender's labels (Alertmanager's, Sentry's tags), which a playbook's match may
 *     name; empty when the sender had none or the delivery predates them
 */
public record AlertReceived(
    String source,
    String fingerprint,
    boolean firing,
    String title,
    Severity severity,
    String detail,
    String payload,
    boolean autoResolve,
    Map<String, String> labels) {

  public AlertReceived {
    labels =
        labels == null
            ? Map.of()
            : labels.entrySet().stream()
                .filter(label -> label.getKey() != null && label.getValue() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** An alert without labels. */
  public AlertReceived(
      String source,
      String fingerprint,
      boolean firing,
      String title,
      Severity severity,
      String detail,
      String payload,
      boolean autoResolve) {
    this(source, fingerprint, firing, title, severity, detail, payload, autoResolve, null);
  }

  /**
   * The alert's name as a playbook matches it: Alertmanager's {@code alertname}, else its title.
   */
  public String name() {
    return labels.getOrDefault("alertname", title);
  }
}
