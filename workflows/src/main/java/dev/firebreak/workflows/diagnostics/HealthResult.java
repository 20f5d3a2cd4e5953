package dev.firebreak.workflows.diagnostics;

import java.util.List;

/**
 * The verdict on one health endpoint. Unhealthy is a result, not a failure: a timeout, a refused
 * connection, a 503 and a body that is not JSON all come back as {@code healthy=false} with why.
 *
 * @param httpStatus 0 when no HTTP answer arrived
 * @param failingChecks the named sub-checks that failed, such as {@code database=error}
 */
public record HealthResult(
    String service,
    boolean healthy,
    int httpStatus,
    String summary,
    List<String> failingChecks,
    boolean dryRun) {}
