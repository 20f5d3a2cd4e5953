package dev.firebreak.workflows.job;

import dev.firebreak.workflows.incident.IncidentPolicy;
import dev.firebreak.workflows.incident.Severity;

/**
 * When repeated failures stop being the job's business and become people's: a chat warning after
 * {@code warnAfter} consecutive failures, an incident after {@code incidentAfter}.
 *
 * @param channel where the warning is posted
 * @param service the service the incident is declared on
 * @param incidentPolicy the runbook slice the incident runs by, captured when the job was
 *     configured
 */
public record JobAlerts(
    int warnAfter,
    int incidentAfter,
    Severity severity,
    String channel,
    String service,
    IncidentPolicy incidentPolicy) {}
