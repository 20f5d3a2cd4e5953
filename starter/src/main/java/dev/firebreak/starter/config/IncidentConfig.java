package dev.firebreak.starter.config;

/**
 * Timings every incident shares, whatever its severity. Unset fields take the runbooks' values:
 * monitor 15 minutes after resolving, checking every minute; remind about the post-mortem every 12
 * hours; a deploy in the last 2 hours is a rollback suspect.
 *
 * @param historyEventLimit continue-as-new after this many history events (2000 when unset)
 */
public record IncidentConfig(
    String monitoringPeriod,
    String monitoringCheckInterval,
    String postMortemReminderInterval,
    String recentDeployWindow,
    Integer historyEventLimit) {

  public static final int DEFAULT_HISTORY_EVENT_LIMIT = 2000;

  public IncidentConfig {
    monitoringPeriod = monitoringPeriod == null ? "15m" : monitoringPeriod;
    monitoringCheckInterval = monitoringCheckInterval == null ? "1m" : monitoringCheckInterval;
    postMortemReminderInterval =
        postMortemReminderInterval == null ? "12h" : postMortemReminderInterval;
    recentDeployWindow = recentDeployWindow == null ? "2h" : recentDeployWindow;
    historyEventLimit = historyEventLimit == null ? DEFAULT_HISTORY_EVENT_LIMIT : historyEventLimit;
  }

  static IncidentConfig defaults() {
    return new IncidentConfig(null, null, null, null, null);
  }
}
