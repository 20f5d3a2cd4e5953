package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.diagnostics.DependencyStatus;
import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.DeployQuery;
import dev.firebreak.workflows.diagnostics.Deployment;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.diagnostics.Probe;
import dev.firebreak.workflows.diagnostics.ProbeResult;
import dev.firebreak.workflows.diagnostics.StatusPageCheck;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workflow tests' view of the world: services are healthy until a test breaks them; one provider
 * can be degraded; deploys are whatever the test says.
 */
public class ScriptedDiagnostics implements DiagnosticsActivities {
  public volatile boolean healthy = true;
  public volatile boolean dependencyDegraded;
  public volatile List<Deployment> deployments = List.of();
  public final List<HealthCheck> healthChecks = new CopyOnWriteArrayList<>();

  /** How many of the next deploy lists the platform refuses, as with a revoked API key. */
  public final AtomicInteger deployListsRefused = new AtomicInteger();

  /** When set, listing deploys fails with this, as a provider client's failure would. */
  public volatile ApplicationFailure deploysFailWith;

  @Override
  public HealthResult checkHealth(HealthCheck check) {
    healthChecks.add(check);
    return healthy
        ? new HealthResult(check.service(), true, 200, "status=healthy", List.of(), false)
        : new HealthResult(
            check.service(), false, 503, "status=unhealthy", List.of("database=error"), false);
  }

  @Override
  public DependencyStatus checkStatusPage(StatusPageCheck check) {
    return dependencyDegraded
        ? new DependencyStatus(check.dependency(), "major", "Partial System Outage", true, false)
        : new DependencyStatus(check.dependency(), "none", "All Systems Operational", false, false);
  }

  /** Probes pass unless the test names the ones that fail. */
  public final java.util.Set<String> failingProbes =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  public final List<Probe> probes = new CopyOnWriteArrayList<>();

  @Override
  public ProbeResult probe(Probe probe) {
    probes.add(probe);
    boolean passed = !failingProbes.contains(probe.name());
    return new ProbeResult(
        probe.name(),
        probe.kind(),
        probe.critical(),
        passed,
        passed ? "HTTP 200" : "HTTP 200, $.status is \"fail\" (expected $.status == \"pass\")",
        false);
  }

  @Override
  public DeployHistory recentDeploys(DeployQuery query) {
    if (deployListsRefused.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Render answered HTTP 401: Unauthorized", "ProviderRejected");
    }
    if (deploysFailWith != null) {
      throw deploysFailWith;
    }
    return new DeployHistory(query.service(), query.platform(), deployments, false, null);
  }
}
