package dev.firebreak.starter.maintenance;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code GET /api/v1/maintenance-windows}.
 *
 * @param unread null for a complete row; otherwise why only the id is shown
 */
public record MaintenanceSummary(
    String id,
    String title,
    List<String> services,
    Instant start,
    Instant end,
    String status,
    String unread) {}
