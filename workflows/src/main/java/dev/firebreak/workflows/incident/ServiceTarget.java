package dev.firebreak.workflows.incident;

import java.util.List;

/**
 * An affected service as the incident sees it: where to check its health, which public status
 * pages it depends on, and where it is deployed.
 */
public record ServiceTarget(
    String name,
    String healthUrl,
    List<Dependency> dependencies,
    String platform,
    String platformId) {

  /** A third party the service depends on, with its public Statuspage-format status page. */
  public record Dependency(String name, String statusPageUrl) {}
}
