package dev.firebreak.workflows.rollback;

import java.time.Instant;

/** One line of a rollback's log. */
public record RollbackStep(Instant at, String text) {}
