package dev.firebreak.starter.maintenance;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.MaintenancePlanFactory;
import dev.firebreak.starter.config.MaintenanceWindowConfig;
import dev.firebreak.starter.incidents.DeclarationRules;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.RequiredFields;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.maintenance.Abort;
import dev.firebreak.workflows.maintenance.Extension;
import dev.firebreak.workflows.maintenance.MaintenanceRequest;
import dev.firebreak.workflows.maintenance.MaintenanceStep;
import dev.firebreak.workflows.maintenance.MaintenanceView;
import dev.firebreak.workflows.maintenance.StepConfirmation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Maintenance windows as the HTTP API and Slack's {@code /maintenance} both offer them: the same
 * checks, the same refusal while a P0/P1 is open, the same ids. Refusals are {@link Refusal}s.
 */
public final class MaintenanceWindows {

  /** A start this far in the past is still "now" (clock skew, a slow client). */
  private static final Duration START_GRACE = Duration.ofMinutes(1);

  private static final Set<String> OPEN =
      Set.of("DECLARED", "ACKNOWLEDGED", "ASSESSING", "MITIGATING", "OPEN");

  private final MaintenanceGateway windows;
  private final IncidentServices incidents;
  private final FirebreakConfig config;
  private final MaintenancePlanFactory plans;
  private final RequestedSteps requestedSteps;
  private final Clock clock;

  public MaintenanceWindows(IncidentServices incidents, FirebreakConfig config, Clock clock) {
    this.windows =
        new MaintenanceGateway(
            incidents.client(), clock, incidents.deadlines(), incidents.issuedIds());
    this.incidents = incidents;
    this.config = config;
    this.plans = new MaintenancePlanFactory(config, incidents.policies());
    this.requestedSteps = new RequestedSteps(config);
    this.clock = clock;
  }

  /**
   * Schedules a window after the checks every caller gets: the title, known services, a start not
   * in the past, an end after it, valid steps (see {@link RequestedSteps}), a known template, and
   * no P0/P1 open unless confirmed.
   *
   * @param may whether the caller has a role: an ad-hoc HTTP step needs admin
   * @return the window's id
   */
  public String schedule(MaintenanceBody body, String by, Predicate<Role> may) {
    String title = RequiredFields.required("title", body.title());
    if (!DeclarationRules.titleFits(title)) {
      throw Refusal.badRequest(
          "Field 'title' is longer than " + DeclarationRules.MAX_TITLE + " characters.");
    }
    List<String> services = services(body.services());
    Instant start = required("start", body.start());
    Instant end = required("end", body.end());
    if (start.isBefore(clock.instant().minus(START_GRACE))) {
      throw Refusal.badRequest(
          "Field 'start' is in the past (" + start + "); a window starts now or later.");
    }
    if (!end.isAfter(start)) {
      throw Refusal.badRequest("Field 'end' must be after 'start'.");
    }
    if (start.isAfter(clock.instant().plus(config.maintenance().horizonLimit()))) {
      throw Refusal.badRequest(
          "Field 'start' is more than "
              + config.maintenance().horizon()
              + " ahead ("
              + start
              + "); maintenance.horizon in the config sets how far ahead a window may start.");
    }
    requireLength("end", start, end);
    List<MaintenanceStep> steps = requestedSteps.resolve(body.steps(), may);
    MaintenanceWindowConfig template =
        body.template() == null
            ? plans.templateFor(services)
            : config
                .maintenance()
                .window(body.template())
                .orElseThrow(
                    () ->
                        Refusal.badRequest(
                            "No maintenance window '"
                                + body.template()
                                + "' in the config; known: "
                                + config.maintenance().windows().stream()
                                    .map(MaintenanceWindowConfig::name)
                                    .collect(Collectors.joining(", "))
                                + "."));
    List<String> critical = openCriticalIncidents();
    if (!critical.isEmpty() && !Boolean.TRUE.equals(body.confirm())) {
      throw new Refusal(
          409,
          "incident_open",
          String.join(", ", critical)
              + (critical.size() == 1 ? " is" : " are")
              + " open. Maintenance during a P0/P1 adds risk to an outage; send \"confirm\": true to schedule it anyway.");
    }
    return windows.schedule(
        new MaintenanceRequest(null, title.strip(), services, start, end, by, critical),
        plans.plan(template, services, steps));
  }

  /** Newest start first. */
  public List<MaintenanceSummary> list() {
    return windows.list();
  }

  public MaintenanceView view(String id) {
    return windows.view(id);
  }

  public MaintenanceView extend(String id, Extension extension) {
    requireLength("until", windows.view(id).start(), extension.until());
    return windows.extend(id, extension);
  }

  /** A window lasts at most {@code maintenance.maxDuration}, extensions included. */
  private void requireLength(String field, Instant start, Instant end) {
    if (end != null
        && Duration.between(start, end).compareTo(config.maintenance().durationLimit()) > 0) {
      throw Refusal.badRequest(
          "Field '"
              + field
              + "' would make the window last from "
              + start
              + " to "
              + end
              + ", longer than "
              + config.maintenance().maxDuration()
              + "; maintenance.maxDuration in the config sets the longest window.");
    }
  }

  public MaintenanceView abort(String id, Abort abort) {
    return windows.abort(id, abort);
  }

  public MaintenanceView confirm(String id, StepConfirmation confirmation) {
    return windows.confirm(id, confirmation);
  }

  /** "P1 INC-20261123-4" for every running incident that is P0/P1 and still being worked on. */
  private List<String> openCriticalIncidents() {
    return incidents.reads().list(true).stream()
        .filter(
            i ->
                ("P0".equals(i.severity()) || "P1".equals(i.severity()))
                    && OPEN.contains(i.status()))
        .map(i -> i.severity() + " " + i.id())
        .toList();
  }

  private List<String> services(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw Refusal.badRequest("Field 'services' must list at least one service.");
    }
    for (String name : names) {
      DeclarationRules.unknownService(config, name)
          .ifPresent(
              problem -> {
                throw Refusal.badRequest(problem);
              });
    }
    return List.copyOf(names);
  }

  private static <T> T required(String field, T value) {
    if (value == null) {
      throw Refusal.badRequest("Field '" + field + "' is required.");
    }
    return value;
  }
}
