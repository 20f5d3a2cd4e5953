package dev.firebreak.workflows.diagnostics;

import java.time.Duration;

/**
 * Errors a service's project received over the window; {@code detail} says what was not counted,
 * and why.
 */
public record ErrorCount(
    String service, String project, long errors, Duration window, boolean dryRun, String detail) {}
