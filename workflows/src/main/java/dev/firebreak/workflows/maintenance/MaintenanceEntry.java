package dev.firebreak.workflows.maintenance;

import java.time.Instant;

/**
 * One line of a window's timeline.
 *
 * @param kind what happened: {@code announce}, {@code pre-check}, {@code step}, {@code health},
 *     {@code incident}, {@code extend}, {@code overrun}, ...
 */
public record MaintenanceEntry(Instant at, String kind, String text) {}
