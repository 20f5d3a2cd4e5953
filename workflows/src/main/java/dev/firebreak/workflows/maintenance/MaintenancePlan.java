package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.incident.IncidentPolicy;
import dev.firebreak.workflows.incident.Severity;
import java.time.Duration;
import java.util.List;

/**
 * The slice of the runbook a window runs by, captured when it is scheduled so a config change never
 * alters a window already announced.
 *
 * @param channel the Slack channel that hears every announcement
 * @param emails who is mailed the announcements and the all-clear; empty for nobody
 * @param statusPageComponents the Statuspage components shown under maintenance
 * @param announceOffsets how long before the start each announcement goes out (48 h, 24 h, 1 h)
 * @param maintenanceModeOn and {@code maintenanceModeOff}: the actions that switch it; null for
 *     none
 * @param healthChecks run after the steps, as post-checks and while monitoring
 * @param manualStepTimeout how long a manual step waits for a person before it counts as failed
 * @param rollbacks the services rolled back when a post-check fails; empty for none
 * @param incidentPolicy what the incident declared on a failed post-check runs by
 * @param silenceTail how long after the window its services' alerts stay silenced; null (a window
 *     scheduled before silences existed) for none
 */
public record MaintenancePlan(
    String channel,
    List<String> emails,
    List<String> statusPageComponents,
    List<Duration> announceOffsets,
    List<MaintenanceStep> preChecks,
    MaintenanceStep maintenanceModeOn,
    List<MaintenanceStep> steps,
    MaintenanceStep maintenanceModeOff,
    List<HealthCheck> healthChecks,
    List<MaintenanceStep> postChecks,
    Duration monitoringPeriod,
    Duration monitoringInterval,
    Duration manualStepTimeout,
    List<ServiceRollback> rollbacks,
    Severity incidentSeverity,
    IncidentPolicy incidentPolicy,
    Duration silenceTail) {}
