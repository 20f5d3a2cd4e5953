package dev.firebreak.starter.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.firebreak.workflows.incident.IncidentView;
import java.util.List;

/**
 * {@code GET /api/v1/incidents/{id}}: the incident's view and, beside its fields, the ids of the
 * playbook action runs it started (each shown by {@code GET …/actions/{runId}}).
 */
record IncidentShown(@JsonUnwrapped IncidentView incident, List<String> actionRuns) {}
