package dev.firebreak.workflows.incident;

import java.time.Instant;

/**
 * One line of the incident's timeline.
 *
 * @param kind a stable machine word (declared, paged, acknowledged, update, assessment, ...)
 */
public record TimelineEntry(Instant at, String kind, String actor, String text) {}
