package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.diagnostics.DependencyStatus;
import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.DeployQuery;
import dev.firebreak.workflows.diagnostics.ErrorCount;
import dev.firebreak.workflows.diagnostics.ErrorCountQuery;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.diagnostics.StatusPageCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which diagnostics an incident runs (health endpoints, providers' status pages, recent deploys,
 * error counts), what a diagnostic that could not answer reports instead, and how results read. A
 * diagnostic that fails is itself a finding, never a failed assessment.
 */
final class IncidentDiagnostics {

  private static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(10);

  /**
   * "Errors in the last 15 minutes" is how the runbooks read an error tracker during an incident.
   */
  static final Duration ERROR_COUNT_WINDOW = Duration.ofMinutes(15);

  /**
   * One service's diagnostics besides its health, started in this order, service after service (the
   * order of the activities in history); {@code deploys} and {@code errors} are null when the
   * service has no platform or error-tracker project.
   */
  record ServiceDiagnostics(
      List<StatusPageCheck> dependencies, DeployQuery deploys, ErrorCountQuery errors) {}

  /** Whether the assessment ran, and the mitigations it suggested. */
  public record State(boolean assessed, List<Suggestion> suggestions) {
    static final State FRESH = new State(false, List.of());

    /** The assessment has begun: it runs once per incident, even if it fails. */
    State started() {
      return new State(true, suggestions);
    }

    State withSuggestions(List<Suggestion> found) {
      return new State(assessed, List.copyOf(found));
    }
  }

  private final IncidentPolicy policy;

  IncidentDiagnostics(IncidentPolicy policy) {
    this.policy = policy;
  }

  List<HealthCheck> healthChecks() {
    List<HealthCheck> checks = new ArrayList<>();
    for (ServiceTarget service : policy.services()) {
      if (!isBlank(service.healthUrl())) {
        checks.add(
            new HealthCheck(
                service.name(),
                service.healthUrl(),
                HEALTH_CHECK_TIMEOUT,
                service.nonCriticalChecks()));
      }
    }
    return checks;
  }

  /**
   * @param countErrors whether this run may read the error tracker (the providers change)
   */
  List<ServiceDiagnostics> assessment(Instant since, boolean countErrors) {
    List<ServiceDiagnostics> plan = new ArrayList<>();
    for (ServiceTarget service : policy.services()) {
      List<StatusPageCheck> dependencies =
          service.dependencies().stream()
              .map(d -> new StatusPageCheck(d.name(), d.statusPageUrl()))
              .toList();
      DeployQuery deploys =
          isBlank(service.platform())
              ? null
              : new DeployQuery(service.name(), service.platform(), service.platformId(), since);
      ErrorCountQuery errors =
          isBlank(service.sentryProject()) || !countErrors
              ? null
              : new ErrorCountQuery(service.name(), service.sentryProject(), ERROR_COUNT_WINDOW);
      plan.add(new ServiceDiagnostics(dependencies, deploys, errors));
    }
    return plan;
  }

  /**
   * The assessment's findings go into the timeline, its suggestions onto the card, its message into
   * the room.
   */
  static void assessed(Incident incident, Assessment assessment, Instant now, ChatLane chat) {
    assessment.results().forEach(line -> incident.record(now, "diagnostic", null, line));
    incident.assessment = incident.assessment.withSuggestions(assessment.suggestions());
    incident.record(now, "assessment", null, assessment.headline());
    chat.post("assessment", assessment.toMessage(incident.id()), false);
  }

  static HealthResult couldNotCheck(HealthCheck check, String why) {
    return new HealthResult(check.service(), false, 0, "could not check: " + why, List.of(), false);
  }

  static DependencyStatus couldNotRead(StatusPageCheck check, String why) {
    return new DependencyStatus(
        check.dependency(), "unknown", "could not read status page: " + why, false, false);
  }

  static DeployHistory couldNotList(DeployQuery query, String why) {
    return new DeployHistory(
        query.service(), query.platform(), List.of(), false, "could not list deploys: " + why);
  }

  static ErrorCount couldNotCount(ErrorCountQuery query, String why) {
    return new ErrorCount(
        query.service(),
        query.project(),
        -1,
        query.window(),
        false,
        "could not count errors: " + why);
  }

  /**
   * The timeline line for health results, or null when nothing is recorded.
   *
   * @param recordWhenHealthy false during monitoring, where a healthy check every minute would bury
   *     the timeline; a failing check is always recorded
   */
  String healthLine(Incident incident, List<HealthResult> results, boolean recordWhenHealthy) {
    if (!recordWhenHealthy && failing(results).isEmpty()) {
      return null;
    }
    return results.isEmpty()
        ? "No health endpoints configured for " + incident.declaration.service()
        : "Health: " + describe(results);
  }

  static List<HealthResult> failing(List<HealthResult> results) {
    return results.stream().filter(r -> !r.healthy()).toList();
  }

  static String describe(List<HealthResult> results) {
    return String.join("; ", results.stream().map(Assessment::describe).toList());
  }

  static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
