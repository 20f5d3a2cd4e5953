package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.incident.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * When a playbook applies by itself. Every criterion that is given must hold (a list holds when any
 * of its entries does; labels hold when all of them do), and a match with no criterion never
 * applies: such a playbook is only ever attached by name.
 *
 * <p>Criteria on alerts ({@code alerts}, {@code labels}) only hold for an incident an alert opened,
 * so a playbook written for an alert is not attached to every incident declared by hand on the same
 * service.
 *
 * @param alerts alert names (Alertmanager's {@code alertname}, Grafana's rule name), exact
 * @param labels alert labels that must all have these values
 * @param services the incident's service is one of these
 * @param severities the incident's severity is one of these
 * @param words words or phrases of which at least one appears in the title, as whole words and in
 *     any case
 */
public record PlaybookMatch(
    List<String> alerts,
    Map<String, String> labels,
    List<String> services,
    List<Severity> severities,
    List<String> words) {

  public PlaybookMatch {
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    services = services == null ? List.of() : List.copyOf(services);
    severities = severities == null ? List.of() : List.copyOf(severities);
    words = words == null ? List.of() : List.copyOf(words);
  }

  /** A playbook that is only attached by name. */
  public static PlaybookMatch never() {
    return new PlaybookMatch(null, null, null, null, null);
  }

  /** Whether an incident declared by a person (no alert) with these fields gets the playbook. */
  public boolean matches(String service, Severity severity, String title) {
    return matches(service, severity, title, null, Map.of());
  }

  /**
   * Whether an incident with these fields gets the playbook.
   *
   * @param alertName the name of the alert that opened it; null when a person declared it
   * @param alertLabels that alert's labels; empty when there is none
   */
  public boolean matches(
      String service,
      Severity severity,
      String title,
      String alertName,
      Map<String, String> alertLabels) {
    if (alerts.isEmpty()
        && labels.isEmpty()
        && services.isEmpty()
        && severities.isEmpty()
        && words.isEmpty()) {
      return false;
    }
    Map<String, String> givenLabels = alertLabels == null ? Map.of() : alertLabels;
    return (alerts.isEmpty() || (alertName != null && alerts.contains(alertName)))
        && labels.entrySet().stream()
            .allMatch(label -> label.getValue().equals(givenLabels.get(label.getKey())))
        && (services.isEmpty() || services.contains(service))
        && (severities.isEmpty() || severities.contains(severity))
        && (words.isEmpty() || words.stream().anyMatch(word -> containsWord(title, word)));
  }

  private static boolean containsWord(String title, String word) {
    if (title == null || word == null || word.isBlank()) {
      return false;
    }
    // Whole words only: "down" is in "Site down" but not in "slowdown" or "download".
    String phrase = Pattern.quote(word.trim().toLowerCase(Locale.ROOT));
    return Pattern.compile("(?<![\\p{L}\\p{N}])" + phrase + "(?![\\p{L}\\p{N}])")
        .matcher(title.toLowerCase(Locale.ROOT))
        .find();
  }
}
