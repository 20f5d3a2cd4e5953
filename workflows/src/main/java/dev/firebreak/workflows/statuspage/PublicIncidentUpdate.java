package dev.firebreak.workflows.statuspage;

/**
 * A status change or a written update of an open public incident.
 *
 * @param componentStatus the component's new status, or null to leave it as it is
 */
public record PublicIncidentUpdate(
    String incidentId,
    PublicIncidentRef ref,
    String status,
    String body,
    String componentId,
    String componentStatus) {}
