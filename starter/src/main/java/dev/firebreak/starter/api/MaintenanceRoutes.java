package dev.firebreak.starter.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.workflows.maintenance.Abort;
import dev.firebreak.workflows.maintenance.Extension;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflow;
import dev.firebreak.workflows.maintenance.StepConfirmation;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * {@code /api/v1/maintenance-windows}: schedule, list, show, extend, abort and confirm a manual step.
 * Scheduling while a P0/P1 incident is open is refused with 409 until the caller sends
 * {@code "confirm": true}: maintenance on top of an outage is a decision, not an accident.
 */
final class MaintenanceRoutes {

  static final String BASE = "/api/v1/maintenance-windows";
  private final MaintenanceWindows windows;
  private final JsonBodies bodies;
  private final MeterRegistry metrics;

  MaintenanceRoutes(MaintenanceWindows windows, JsonBodies bodies, MeterRegistry metrics) {
    this.windows = windows;
    this.bodies = bodies;
    this.metrics = metrics;
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
    String id = windows.schedule(body, by(ctx), ApiServer.caller(ctx)::may);
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

  private static String by(Context ctx) {
    return ApiServer.caller(ctx).name();
  }
}
