package dev.firebreak.workflows.incident;

import java.util.List;

/**
 * An affected service as the incident sees it: where to check its health, which public status pages
 * it depends on, and where it is deployed.
 *
 * @param statusPageComponent the organisation's own Statuspage component showing it, or null
 * @param sentryProject the Sentry project (numeric id) whose errors the assessment counts, or null
 * @param nonCriticalChecks the health endpoint's sub-checks whose failure is reported but never
 *     blocks a resolve or reopens the incident; empty (every sub-check critical) when unset
 */
public record ServiceTarget(
    String name,
    String healthUrl,
    List<Dependency> dependencies,
    String platform,
    String platformId,
    String statusPageComponent,
    String sentryProject,
    List<String> nonCriticalChecks) {

  public ServiceTarget {
    nonCriticalChecks = nonCriticalChecks == null ? List.of() : List.copyOf(nonCriticalChecks);
  }

  /** A service whose every health sub-check is critical. */
  public ServiceTarget(
      String name,
      String healthUrl,
      List<Dependency> dependencies,
      String platform,
      String platformId,
      String statusPageComponent,
      String sentryProject) {
    this(
        name,
        healthUrl,
        dependencies,
        platform,
        platformId,
        statusPageComponent,
        sentryProject,
        null);
  }

  /** A service with no status-page component and no error tracker. */
  public ServiceTarget(
      String name,
      String healthUrl,
      List<Dependency> dependencies,
      String platform,
      String platformId) {
    this(name, healthUrl, dependencies, platform, platformId, null, null, null);
  }

  /** A third party the service depends on, with its public Statuspage-format status page. */
  public record Dependency(String name, String statusPageUrl) {}
}
