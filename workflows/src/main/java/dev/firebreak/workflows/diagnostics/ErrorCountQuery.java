package dev.firebreak.workflows.diagnostics;

import java.time.Duration;

/**
 * @param project the error tracker's project (Sentry's numeric project id)
 */
public record ErrorCountQuery(String service, String project, Duration window) {}
