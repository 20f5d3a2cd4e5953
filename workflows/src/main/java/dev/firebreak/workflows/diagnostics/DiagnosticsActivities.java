package dev.firebreak.workflows.diagnostics;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The runbooks' "Assess" step: health endpoints, status pages, recent deploys. Read-only. */
@ActivityInterface(namePrefix = "Diagnostics")
public interface DiagnosticsActivities {

  @ActivityMethod
  HealthResult checkHealth(HealthCheck check);

  @ActivityMethod
  DependencyStatus checkStatusPage(StatusPageCheck check);

  @ActivityMethod
  DeployHistory recentDeploys(DeployQuery query);
}
