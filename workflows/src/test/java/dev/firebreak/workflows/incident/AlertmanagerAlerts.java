package dev.firebreak.workflows.incident;

/** Deliveries of the one Alertmanager alert the incident tests declare for. */
final class AlertmanagerAlerts {

  private AlertmanagerAlerts() {}

  /**
   * A firing of the alert.
   *
   * @param autoResolve whether the alert's resolution may resolve the incident
   */
  static AlertReceived firing(boolean autoResolve) {
    return new AlertReceived(
        "alertmanager",
        "fp-1",
        true,
        "HighErrorRate",
        Severity.P1,
        "error rate 7%",
        "{\"status\":\"firing\"}",
        autoResolve);
  }

  /**
   * The alert's resolution.
   *
   * @param autoResolve whether it may resolve the incident
   */
  static AlertReceived resolved(boolean autoResolve) {
    return new AlertReceived(
        "alertmanager",
        "fp-1",
        false,
        "HighErrorRate",
        Severity.P1,
        null,
        "{\"status\":\"resolved\"}",
        autoResolve);
  }
}
