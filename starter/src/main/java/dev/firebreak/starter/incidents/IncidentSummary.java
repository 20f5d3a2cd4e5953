package dev.firebreak.starter.incidents;

import java.time.Instant;

/**
 * One row of {@code GET /api/v1/incidents}; status is the incident's phase, or {@code CLOSED}.
 *
 * @param unread null for a complete row; otherwise why only the id, status and start are shown
 */
public record IncidentSummary(
    String id,
    String title,
    String severity,
    String service,
    String status,
    Instant declaredAt,
    String unread) {}
