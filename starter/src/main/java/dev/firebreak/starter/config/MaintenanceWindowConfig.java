package dev.firebreak.starter.config;

import java.util.List;

/**
 * One maintenance window of the runbook. Unset fields take the runbooks' defaults: announced 48 h,
 * 24 h and 1 h ahead in the Slack incidents channel, 30 minutes of monitoring with a health check
 * every 5 minutes, 30 minutes for a person to confirm a manual step, rollback on a failed
 * post-check and a P1 incident.
 *
 * @param recurrence for example {@code first Sunday of the month 02:00 UTC}; null for ad-hoc only
 * @param zone the time zone of the recurrence, UTC when unset
 * @param duration how long a recurring window lasts
 * @param maintenanceMode the HTTP actions that switch the application's maintenance mode; optional
 * @param rollback whether a failed post-check rolls back the window's services that have a platform
 * @param incidentSeverity the severity of the incident a failed post-check declares
 * @param silenceTail how long after the window ends its services' alerts stay silenced (a deploy
 *     settling, caches warming); none when unset. From the pre-checks to the end plus this tail,
 *     their alerts are recorded on the window's timeline instead of paging
 */
public record MaintenanceWindowConfig(
    String name,
    List<String> services,
    String recurrence,
    String zone,
    String duration,
    Announce announce,
    List<MaintenanceStepConfig> preChecks,
    MaintenanceMode maintenanceMode,
    List<MaintenanceStepConfig> steps,
    List<MaintenanceStepConfig> postChecks,
    String monitoringPeriod,
    String monitoringInterval,
    String manualStepTimeout,
    Boolean rollback,
    String incidentSeverity,
    String silenceTail) {

  public MaintenanceWindowConfig {
    services = ConfigShape.listOf(services);
    zone = zone == null ? "UTC" : zone;
    announce = announce == null ? new Announce(null, null, null) : announce;
    preChecks = ConfigShape.listOf(preChecks);
    steps = ConfigShape.listOf(steps);
    postChecks = ConfigShape.listOf(postChecks);
    monitoringPeriod = monitoringPeriod == null ? "30m" : monitoringPeriod;
    monitoringInterval = monitoringInterval == null ? "5m" : monitoringInterval;
    manualStepTimeout = manualStepTimeout == null ? "30m" : manualStepTimeout;
    rollback = rollback == null || rollback;
    incidentSeverity = incidentSeverity == null ? "P1" : incidentSeverity;
  }

  /** The template of a window whose services have none in the config. */
  static MaintenanceWindowConfig defaults() {
    return new MaintenanceWindowConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  /**
   * @param offsets how long ahead each announcement goes out
   * @param channel the Slack channel; the incidents channel when unset
   * @param emails who is mailed (SendGrid); nobody when unset
   */
  public record Announce(List<String> offsets, String channel, List<String> emails) {
    public Announce {
      offsets = offsets == null ? List.of("48h", "24h", "1h") : ConfigShape.listOf(offsets);
      emails = ConfigShape.listOf(emails);
    }
  }

  /** Both switches are HTTP actions, so the cleanup path never waits for a person. */
  public record MaintenanceMode(
      MaintenanceStepConfig.HttpCall enable, MaintenanceStepConfig.HttpCall disable) {}
}
