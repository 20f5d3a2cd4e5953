package dev.firebreak.starter.api;

import dev.firebreak.starter.maintenance.MaintenanceBody;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.maintenance.Abort;
import dev.firebreak.workflows.maintenance.Extension;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflow;
import dev.firebreak.workflows.maintenance.StepConfirmation;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * {@code /api/v1/maintenance-windows}: schedule, list, show, extend, abort and confirm a manual
 * step. Scheduling while a P0/P1 incident is open is refused with 409 until the caller sends {@code
 * "confirm": true}: maintenance on top of an outage is a decision, not an accident.
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
    routes.post(BASE + "/{id}/abort", this::abort, Role.RESPONDER);
    routes.post(BASE + "/{id}/confirm", this::confirm, Role.RESPONDER);
  }

  private void schedule(Context ctx) {
    MaintenanceBody body = bodies.read(ctx, MaintenanceBody.class);
    String id = windows.schedule(body, by(ctx), ApiServer.caller(ctx)::may);
    metrics.counter("firebreak.maintenance.scheduled").increment();
    ctx.status(201)
        .json(
            Map.of(
                "id",
                id,
                "workflowId",
                MaintenanceWindowWorkflow.workflowId(id),
                "status",
                "SCHEDULED"));
  }

  private void extend(Context ctx) {
    ExtendBody body = bodies.read(ctx, ExtendBody.class);
    if (body.until() == null) {
      throw Refusal.badRequest(
          "Field 'until' is required: an ISO-8601 instant such as 2026-12-06T04:30:00Z.");
    }
    ctx.json(
        windows.extend(ctx.pathParam("id"), new Extension(by(ctx), body.until(), body.reason())));
  }

  private void abort(Context ctx) {
    ReasonBody body = bodies.read(ctx, ReasonBody.class);
    ctx.json(windows.abort(ctx.pathParam("id"), new Abort(by(ctx), body.reason())));
  }

  private void confirm(Context ctx) {
    ConfirmBody body = bodies.read(ctx, ConfirmBody.class);
    ctx.json(
        windows.confirm(
            ctx.pathParam("id"),
            new StepConfirmation(
                by(ctx), body.step(), Boolean.TRUE.equals(body.failed()), body.note())));
  }

  private static String by(Context ctx) {
    return ApiServer.caller(ctx).name();
  }
}
