package dev.firebreak.workflows.diagnostics;

import java.util.List;

/**
 * The verdict on one health endpoint. Unhealthy is a result, not a failure: a timeout, a refused
 * connection, a 503 and a body that is not JSON all come back as {@code healthy=false} with why.
 *
 * @param httpStatus 0 when no HTTP answer arrived
 * @param failingChecks the named critical sub-checks that failed, such as {@code database=error}
 * @param nonCriticalFailing the named sub-checks that failed but are not critical (reported, they
 *     never make the service unhealthy), such as {@code email=error}
 */
public record HealthResult(
    String service,
    boolean healthy,
    int httpStatus,
    String summary,
    List<String> failingChecks,
    boolean dryRun,
    List<String> nonCriticalFailing) {

  public HealthResult {
    failingChecks = failingChecks == null ? List.of() : List.copyOf(failingChecks);
    nonCriticalFailing = nonCriticalFailing == null ? List.of() : List.copyOf(nonCriticalFailing);
  }

  /** A result with no non-critical sub-check failing. */
  public HealthResult(
      String service,
      boolean healthy,
      int httpStatus,
      String summary,
      List<String> failingChecks,
      boolean dryRun) {
    this(service, healthy, httpStatus, summary, failingChecks, dryRun, List.of());
  }

  /**
   * What fails, for a sentence: the failing critical sub-checks, or the summary when none is named.
   */
  public String whatFails() {
    return failingChecks.isEmpty() ? summary : String.join(", ", failingChecks);
  }
}
