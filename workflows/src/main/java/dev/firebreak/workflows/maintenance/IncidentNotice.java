package dev.firebreak.workflows.maintenance;

/** A P0/P1 incident declared while a window runs. */
public record IncidentNotice(String incidentId, String severity, String title, String service) {}
