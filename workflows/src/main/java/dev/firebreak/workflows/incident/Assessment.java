package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.diagnostics.DependencyStatus;
import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.Deployment;
import dev.firebreak.workflows.diagnostics.ErrorCount;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.diagnostics.ProbeResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The runbooks' "Assess" step turned into one message: what each diagnostic found and the standard
 * mitigations it points to (a fresh deploy → roll back; a degraded provider → watch its status
 * page; an unhealthy service → look at its failing checks).
 */
record Assessment(String headline, List<String> results, List<Suggestion> suggestions) {

  /**
   * @param probes what the playbook's probes found; each line says whether it is critical (decides
   *     a resolve) or only reported
   */
  static Assessment of(
      IncidentPolicy policy,
      Instant recentSince,
      List<HealthResult> health,
      List<DependencyStatus> dependencies,
      List<DeployHistory> deploys,
      List<ErrorCount> errors,
      List<ProbeResult> probes) {
    List<String> results = new ArrayList<>();
    List<Suggestion> suggestions = new ArrayList<>();
    for (HealthResult result : health) {
      results.add("Health of " + describe(result));
      if (!result.healthy()) {
        suggestions.add(
            new Suggestion(
                "check-service",
                result.service(),
                null,
                "Check " + result.service() + ": " + result.summary()));
      }
    }
    for (DependencyStatus dependency : dependencies) {
      results.add(
          "Status page of "
              + dependency.dependency()
              + ": "
              + dependency.indicator()
              + (dependency.description() == null ? "" : " (" + dependency.description() + ")")
              + (dependency.dryRun() ? " [dry-run]" : ""));
      if (dependency.degraded()) {
        String page = statusPageOf(policy, dependency.dependency());
        suggestions.add(
            new Suggestion(
                "watch-status-page",
                null,
                page,
                dependency.dependency()
                    + " reports "
                    + dependency.description()
                    + ": monitor its status page"
                    + (page == null ? "" : " " + page)
                    + " and wait for its updates"));
      }
    }
    for (DeployHistory history : deploys) {
      results.add(describeDeploys(history, recentSince));
      List<Deployment> list = history.deployments();
      if (!list.isEmpty()
          && list.get(0).createdAt() != null
          && list.get(0).createdAt().isAfter(recentSince)) {
        Deployment latest = list.get(0);
        String previous = list.size() > 1 ? list.get(1).id() : null;
        suggestions.add(
            new Suggestion(
                Suggestion.ROLLBACK,
                history.service(),
                previous,
                "Roll back "
                    + history.service()
                    + ": deploy "
                    + latest.id()
                    + " went out at "
                    + latest.createdAt()
                    + (previous == null ? "" : "; previous deploy " + previous)));
      }
    }
    errors.forEach(count -> results.add(describe(count)));
    for (ProbeResult probe : probes) {
      results.add(describe(probe));
      if (!probe.passed()) {
        suggestions.add(
            new Suggestion(
                "check-probe",
                null,
                null,
                "Probe " + probe.name() + " failed: " + probe.summary()));
      }
    }
    long unhealthy = health.stream().filter(h -> !h.healthy()).count();
    long degraded = dependencies.stream().filter(DependencyStatus::degraded).count();
    String headline =
        "Assessment: "
            + (health.size() - unhealthy)
            + "/"
            + health.size()
            + " services healthy, "
            + degraded
            + " degraded dependencies, "
            + suggestions.size()
            + " suggested mitigations"
            + (probes.isEmpty()
                ? ""
                : ", "
                    + probes.stream().filter(ProbeResult::passed).count()
                    + "/"
                    + probes.size()
                    + " playbook probes passed");
    return new Assessment(headline, List.copyOf(results), List.copyOf(suggestions));
  }

  String toMessage(String incidentId) {
    StringBuilder text = new StringBuilder("🔎 *" + headline + "* (" + incidentId + ")");
    results.forEach(r -> text.append("\n• ").append(r));
    if (!suggestions.isEmpty()) {
      text.append("\n*Suggested mitigations*");
      suggestions.forEach(s -> text.append("\n→ ").append(s.text()));
    }
    return text.toString();
  }

  static String describe(HealthResult result) {
    StringBuilder text =
        new StringBuilder(result.service())
            .append(": ")
            .append(result.healthy() ? "healthy" : "UNHEALTHY");
    if (result.httpStatus() > 0) {
      text.append(" (HTTP ").append(result.httpStatus()).append(')');
    }
    if (!result.failingChecks().isEmpty()) {
      text.append(" failing ").append(String.join(", ", result.failingChecks()));
    } else if (!result.healthy() && result.summary() != null) {
      text.append(" — ").append(result.summary());
    }
    if (!result.nonCriticalFailing().isEmpty()) {
      text.append(result.failingChecks().isEmpty() ? " " : "; ")
          .append("non-critical failing ")
          .append(String.join(", ", result.nonCriticalFailing()))
          .append(" (reported, does not block)");
    }
    return text.toString();
  }

  /** One probe's line, which says whether a failure of it blocks a resolve. */
  static String describe(ProbeResult probe) {
    return "Probe "
        + probe.name()
        + " ("
        + probe.kind()
        + ", "
        + (probe.critical() ? "critical" : "not critical")
        + "): "
        + (probe.passed() ? "passed" : "FAILED")
        + " — "
        + probe.summary()
        + (probe.dryRun() ? " [dry-run]" : "");
  }

  static String describe(ErrorCount count) {
    String what = "Errors of " + count.service() + " (Sentry project " + count.project() + ")";
    if (count.dryRun() || count.errors() < 0) {
      return what + ": " + count.detail();
    }
    return what + ": " + count.errors() + " in the last " + HumanDuration.of(count.window());
  }

  static String describeDeploys(DeployHistory history, Instant recentSince) {
    if (history.dryRun()) {
      return "Deploys of "
          + history.service()
          + " ("
          + history.platform()
          + "): dry-run, "
          + history.detail();
    }
    if (history.deployments().isEmpty()) {
      return "Deploys of "
          + history.service()
          + " ("
          + history.platform()
          + "): none since "
          + recentSince
          + (history.detail() == null ? "" : " — " + history.detail());
    }
    Deployment latest = history.deployments().get(0);
    return "Latest deploy of "
        + history.service()
        + " ("
        + history.platform()
        + "): "
        + latest.id()
        + " "
        + latest.state()
        + " at "
        + latest.createdAt();
  }

  private static String statusPageOf(IncidentPolicy policy, String dependency) {
    return policy.services().stream()
        .flatMap(s -> s.dependencies().stream())
        .filter(d -> d.name().equals(dependency))
        .map(ServiceTarget.Dependency::statusPageUrl)
        .findFirst()
        .orElse(null);
  }
}
