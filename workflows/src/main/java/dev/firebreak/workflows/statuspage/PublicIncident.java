package dev.firebreak.workflows.statuspage;

/**
 * A public incident to open.
 *
 * @param incidentId the Firebreak incident it mirrors: the marker that makes opening idempotent
 * @param status {@code investigating|identified|monitoring|resolved}
 * @param impact {@code none|minor|major|critical}
 * @param componentId the affected service's Statuspage component, or null
 * @param componentStatus for example {@code major_outage}; null leaves the component as it is
 */
public record PublicIncident(
    String incidentId,
    String name,
    String status,
    String impact,
    String body,
    String componentId,
    String componentStatus) {}
