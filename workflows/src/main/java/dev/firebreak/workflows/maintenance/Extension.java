package dev.firebreak.workflows.maintenance;

import java.time.Instant;

/** Move a window's planned end to {@code until}. */
public record Extension(String by, Instant until, String reason) {}
