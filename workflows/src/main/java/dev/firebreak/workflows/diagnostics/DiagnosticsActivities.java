package dev.firebreak.workflows.diagnostics;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The runbooks' "Assess" step: health endpoints, status pages, recent deploys, playbook probes.
 * Read-only.
 */
@ActivityInterface(namePrefix = "Diagnostics")
public interface DiagnosticsActivities {

  @ActivityMethod
  HealthResult checkHealth(HealthCheck check);

  @ActivityMethod
  DependencyStatus checkStatusPage(StatusPageCheck check);

  @ActivityMethod
  DeployHistory recentDeploys(DeployQuery query);

  /** A playbook's {@code http} or {@code status-page} probe. */
  @ActivityMethod
  ProbeResult probe(Probe probe);
}
