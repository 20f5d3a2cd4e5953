package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.diagnostics.DependencyStatus;
import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.DeployQuery;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.diagnostics.ErrorCount;
import dev.firebreak.workflows.diagnostics.ErrorCountActivities;
import dev.firebreak.workflows.diagnostics.ErrorCountQuery;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.diagnostics.Probe;
import dev.firebreak.workflows.diagnostics.ProbeResult;
import dev.firebreak.workflows.diagnostics.StatusPageCheck;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the diagnostics {@link IncidentDiagnostics} plans (health checks, status pages, deploys,
 * error counts) as activities in parallel, and records what health checks found.
 */
final class DiagnosticRuns {

  /**
   * A diagnostic that cannot answer in a minute is itself the answer ("could not check"); it is
   * retried as a health check is.
   */
  private static final ActivityOptions DIAGNOSTICS =
      ActivityOptions.newBuilder(ActivityPolicies.HEALTH)
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(1))
          .build();

  private final Incident incident;
  private final IncidentPolicy policy;
  private final IncidentDiagnostics plan;
  private final IncidentChanges changes;
  private final DiagnosticsActivities diagnostics =
      Workflow.newActivityStub(DiagnosticsActivities.class, DIAGNOSTICS);
  private final DiagnosticsActivities healthChecks =
      Workflow.newActivityStub(DiagnosticsActivities.class, ActivityPolicies.HEALTH);
  private final ErrorCountActivities errorCounts =
      Workflow.newActivityStub(ErrorCountActivities.class, DIAGNOSTICS);

  DiagnosticRuns(
      Incident incident, IncidentPolicy policy, IncidentDiagnostics plan, IncidentChanges changes) {
    this.changes = changes;
    this.incident = incident;
    this.policy = policy;
    this.plan = plan;
  }

  /**
   * Runs every health check in parallel and records the results (see
   * IncidentDiagnostics#healthLine).
   */
  List<HealthResult> runHealthChecks(boolean recordWhenHealthy) {
    List<Promise<HealthResult>> checks = startHealthChecks();
    // A critical probe of the playbook decides as a health check does; the others only report.
    List<Promise<ProbeResult>> critical =
        startProbes(probes(true), IncidentEffects.now().minus(policy.recentDeployWindow()));
    List<HealthResult> results = new ArrayList<>(checks.stream().map(Promise::get).toList());
    critical.stream().map(Promise::get).map(DiagnosticRuns::asHealth).forEach(results::add);
    String line = plan.healthLine(incident, results, recordWhenHealthy);
    if (line != null) {
      incident.record(IncidentEffects.now(), "health", null, line);
    }
    return results;
  }

  private List<Promise<HealthResult>> startHealthChecks() {
    List<Promise<HealthResult>> checks = new ArrayList<>();
    for (HealthCheck check : plan.healthChecks()) {
      checks.add(
          diagnose(
              () -> healthChecks.checkHealth(check),
              failure -> IncidentDiagnostics.couldNotCheck(check, RootCause.message(failure))));
    }
    return checks;
  }

  Assessment runDiagnostics(boolean countErrors) {
    List<Promise<HealthResult>> health = startHealthChecks();
    List<Promise<DependencyStatus>> dependencies = new ArrayList<>();
    List<Promise<DeployHistory>> deploys = new ArrayList<>();
    List<Promise<ErrorCount>> errors = new ArrayList<>();
    Instant since = IncidentEffects.now().minus(policy.recentDeployWindow());
    List<Promise<ProbeResult>> probes = startProbes(probes(false), since);
    for (IncidentDiagnostics.ServiceDiagnostics service : plan.assessment(since, countErrors)) {
      for (StatusPageCheck check : service.dependencies()) {
        dependencies.add(
            diagnose(
                () -> diagnostics.checkStatusPage(check),
                failure -> IncidentDiagnostics.couldNotRead(check, RootCause.message(failure))));
      }
      if (service.deploys() != null) {
        deploys.add(
            diagnose(
                () -> diagnostics.recentDeploys(service.deploys()),
                failure ->
                    IncidentDiagnostics.couldNotList(
                        service.deploys(), RootCause.message(failure))));
      }
      if (service.errors() != null) {
        errors.add(
            diagnose(
                () -> errorCounts.recentErrors(service.errors()),
                failure ->
                    IncidentDiagnostics.couldNotCount(
                        service.errors(), RootCause.message(failure))));
      }
    }
    return Assessment.of(
        policy,
        since,
        health.stream().map(Promise::get).toList(),
        dependencies.stream().map(Promise::get).toList(),
        deploys.stream().map(Promise::get).toList(),
        errors.stream().map(Promise::get).toList(),
        probes.stream().map(Promise::get).toList());
  }

  /**
   * The incident's playbook probes ({@code criticalOnly}: those that decide a resolve; a deploys
   * probe never fails, so it never decides), when it has any. Running them is a new command, so a
   * run asks {@link IncidentVersions#PLAYBOOK_PROBES} first, and only when there is a probe to run.
   */
  private List<Probe> probes(boolean criticalOnly) {
    if (incident.playbook == null) {
      return List.of();
    }
    List<Probe> probes =
        incident.playbook.spec().probes().stream()
            .filter(p -> !criticalOnly || (p.critical() && !Probe.DEPLOYS.equals(p.kind())))
            .toList();
    if (probes.isEmpty() || !changes.on(IncidentVersions.PLAYBOOK_PROBES)) {
      return List.of();
    }
    return probes;
  }

  /** Starts each probe in parallel; error counts and deploys reuse the assessment's activities. */
  private List<Promise<ProbeResult>> startProbes(List<Probe> probes, Instant since) {
    List<Promise<ProbeResult>> started = new ArrayList<>();
    for (Probe probe : probes) {
      Supplier<ProbeResult> call =
          switch (probe.kind()) {
            case Probe.ERRORS ->
                () ->
                    ProbeVerdicts.ofErrors(
                        probe,
                        errorCounts.recentErrors(
                            new ErrorCountQuery(
                                probe.service(),
                                probe.sentryProject(),
                                IncidentDiagnostics.ERROR_COUNT_WINDOW)));
            case Probe.DEPLOYS ->
                () ->
                    ProbeVerdicts.ofDeploys(
                        probe,
                        diagnostics.recentDeploys(
                            new DeployQuery(
                                probe.service(), probe.platform(), probe.platformId(), since)),
                        since);
            default -> () -> diagnostics.probe(probe);
          };
      started.add(
          diagnose(
              call, failure -> ProbeVerdicts.couldNotProbe(probe, RootCause.message(failure))));
    }
    return started;
  }

  /** A critical probe's result as the health checks' verdict reads it. */
  private static HealthResult asHealth(ProbeResult probe) {
    return new HealthResult(
        "probe " + probe.name(), probe.passed(), 0, probe.summary(), List.of(), probe.dryRun());
  }

  /**
   * Runs one diagnostic in parallel with the others. A diagnostic that fails is itself a finding,
   * so the failure becomes a result instead of failing the assessment.
   */
  private static <T> Promise<T> diagnose(
      Supplier<T> call, Function<RuntimeException, T> onFailure) {
    return Async.function(call::get)
        .handle((result, failure) -> failure == null ? result : onFailure.apply(failure));
  }
}
