package dev.firebreak.starter.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.MaintenanceConfigCheck;
import dev.firebreak.starter.config.MaintenancePlanFactory;
import dev.firebreak.starter.config.MaintenanceStepConfig;
import dev.firebreak.starter.config.MaintenanceWindowConfig;
import dev.firebreak.starter.config.ServiceConfig;
import dev.firebreak.workflows.maintenance.Abort;
import dev.firebreak.workflows.maintenance.Extension;
import dev.firebreak.workflows.maintenance.MaintenanceRequest;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflow;
import dev.firebreak.workflows.maintenance.StepConfirmation;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/maintenance-windows}: schedule, list, show, extend, abort and confirm a manual step.
 * Scheduling while a P0/P1 incident is open is refused with 409 until the caller sends
 * {@code "confirm": true}: maintenance on top of an outage is a decision, not an accident.
 */
final class MaintenanceRoutes {

  static final String BASE = "/api/v1/maintenance-windows";
  /** A start this far in the past is still "now" (clock skew, a slow client). */
  private static final Duration START_GRACE = Duration.ofMinutes(1);
  private static final Set<String> OPEN = Set.of("DECLARED", "ACKNOWLEDGED", "ASSESSING", "MITIGATING", "OPEN");

  private final MaintenanceGateway windows;
  private final IncidentGateway incidents;
  private final FirebreakConfig config;
  private final MaintenancePlanFactory plans;
  private final JsonBodies bodies;
  private final MeterRegistry metrics;
  private final Clock clock;

  MaintenanceRoutes(MaintenanceGateway windows, IncidentGateway incidents, FirebreakConfig config, JsonBodies bodies,
      MeterRegistry metrics, Clock clock) {
    this.windows = windows;
    this.incidents = incidents;
    this.config = config;
    this.plans = new MaintenancePlanFactory(config, incidents.policies());
    this.bodies = bodies;
    this.metrics = metrics;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.post(BASE, this::schedule, Role.RESPONDER);
    routes.get(BASE, ctx -> ctx.json(windows.list()), Role.VIEWER);
    routes.get(BASE + "/{id}", ctx -> ctx.json(windows.view(ctx.pathParam("id"))), Role.VIEWER);
    routes.post(BASE + "/{id}/extend", this::extend, Role.RESPONDER);
    routes.post(BASE + "/{id}/abort", ctx -> ctx.json(windows.abort(ctx.pathParam("id"),
        new Abort(by(ctx), bodies.object(ctx.body()).path("reason").asText(null)))), Role.RESPONDER);
    routes.post(BASE + "/{id}/confirm", this::confirm, Role.RESPONDER);
  }

  private void schedule(Context ctx) {
    MaintenanceBody body = bodies.read(bodies.object(ctx.body()), MaintenanceBody.class);
    String title = IncidentRoutes.required("title", body.title());
    if (title.length() > IncidentRoutes.MAX_TITLE) {
      throw ApiError.badRequest("Field 'title' is longer than " + IncidentRoutes.MAX_TITLE + " characters.");
    }
    List<String> services = services(body.services());
    Instant start = required("start", body.start());
    Instant end = required("end", body.end());
    if (start.isBefore(clock.instant().minus(START_GRACE))) {
      throw ApiError.badRequest("Field 'start' is in the past (" + start + "); a window starts now or later.");
    }
    if (!end.isAfter(start)) {
      throw ApiError.badRequest("Field 'end' must be after 'start'.");
    }
    List<MaintenanceStepConfig> steps = steps(body.steps());
    MaintenanceWindowConfig template = body.template() == null ? plans.templateFor(services)
        : config.maintenance().window(body.template()).orElseThrow(() -> ApiError.badRequest("No maintenance window '"
            + body.template() + "' in the config; known: " + config.maintenance().windows().stream()
                .map(MaintenanceWindowConfig::name).collect(Collectors.joining(", ")) + "."));
    List<String> critical = openCriticalIncidents();
    if (!critical.isEmpty() && !Boolean.TRUE.equals(body.confirm())) {
      throw new ApiError(409, "incident_open", String.join(", ", critical) + (critical.size() == 1 ? " is" : " are")
          + " open. Maintenance during a P0/P1 adds risk to an outage; send \"confirm\": true to schedule it anyway.");
    }
    String id = windows.schedule(new MaintenanceRequest(null, title.strip(), services, start, end,
        ApiServer.caller(ctx).name(), critical), plans.plan(template, services, steps));
    metrics.counter("firebreak.maintenance.scheduled").increment();
    ctx.status(201).json(Map.of("id", id, "workflowId", MaintenanceWindowWorkflow.workflowId(id), "status", "SCHEDULED"));
  }

  private void extend(Context ctx) {
    ObjectNode body = bodies.object(ctx.body());
    String until = IncidentRoutes.required("until", body.path("until").asText(null));
    Instant instant;
    try {
      instant = Instant.parse(until);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("Field 'until' must be an ISO-8601 instant such as 2026-12-06T04:30:00Z.");
    }
    ctx.json(windows.extend(ctx.pathParam("id"), new Extension(by(ctx), instant, body.path("reason").asText(null))));
  }

  private void confirm(Context ctx) {
    ObjectNode body = bodies.object(ctx.body());
    ctx.json(windows.confirm(ctx.pathParam("id"), new StepConfirmation(by(ctx), body.path("step").asText(null),
        body.path("failed").asBoolean(false), body.path("note").asText(null))));
  }

  /** "P1 INC-20261123-4" for every running incident that is P0/P1 and still being worked on. */
  private List<String> openCriticalIncidents() {
    return incidents.list(true).stream()
        .filter(i -> ("P0".equals(i.severity()) || "P1".equals(i.severity())) && OPEN.contains(i.status()))
        .map(i -> i.severity() + " " + i.id())
        .toList();
  }

  private List<String> services(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw ApiError.badRequest("Field 'services' must list at least one service.");
    }
    for (String name : names) {
      if (config.service(name).isEmpty()) {
        throw ApiError.badRequest("No service named '" + name + "'; known: "
            + config.services().stream().map(ServiceConfig::name).collect(Collectors.joining(", ")) + ".");
      }
    }
    return List.copyOf(names);
  }

  private static List<MaintenanceStepConfig> steps(List<MaintenanceStepConfig> steps) {
    List<MaintenanceStepConfig> given = steps == null ? List.of() : steps;
    List<String> problems = new ArrayList<>();
    MaintenanceConfigCheck.checkSteps("steps", given, (path, message) -> problems.add("'" + path + "' " + message));
    if (given.stream().anyMatch(Objects::isNull)) {
      problems.add("'steps' must not hold empty entries");
    }
    if (!problems.isEmpty()) {
      throw ApiError.badRequest("Field " + String.join("; ", problems) + ".");
    }
    return given;
  }

  private static <T> T required(String field, T value) {
    if (value == null) {
      throw ApiError.badRequest("Field '" + field + "' is required.");
    }
    return value;
  }

  private static String by(Context ctx) {
    return ApiServer.caller(ctx).name();
  }
}
