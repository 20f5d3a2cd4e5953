package dev.firebreak.starter.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.starter.incidents.ActionRuns;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * An incident's playbook actions: {@code POST /api/v1/incidents/{id}/actions/{action}} runs one
 * (202 with the run's id), {@code GET …/actions/{runId}} shows a run, {@code POST
 * …/actions/{runId}/approve}, {@code …/refuse} and {@code …/undo} decide on or revert it. Any token
 * may reach them; the action's {@code roles} and its approval rule decide, once the action is
 * known, as Slack's buttons do ({@link ActionRuns}). The actor is always the token's name.
 */
final class ActionRoutes {

  static final String PATH = IncidentRoutes.BASE + "/{id}/actions";

  private final ActionRuns runs;
  private final JsonBodies bodies;
  private final IdempotencyKeys keys;

  ActionRoutes(ActionRuns runs, JsonBodies bodies, IdempotencyKeys keys) {
    this.runs = runs;
    this.bodies = bodies;
    this.keys = keys;
  }

  void register(RoutesConfig routes) {
    routes.post(PATH + "/{action}", this::run, Role.VIEWER);
    routes.get(
        PATH + "/{runId}",
        ctx -> ctx.json(runs.view(ctx.pathParam("id"), ctx.pathParam("runId"))),
        Role.VIEWER);
    routes.post(PATH + "/{runId}/approve", ctx -> decide(ctx, true), Role.VIEWER);
    routes.post(PATH + "/{runId}/refuse", ctx -> decide(ctx, false), Role.VIEWER);
    routes.post(PATH + "/{runId}/undo", this::undo, Role.VIEWER);
  }

  private void run(Context ctx) {
    ObjectNode json = bodies.object(ctx);
    ActionBody body = bodies.read(json, ActionBody.class);
    String key = IncidentRoutes.idempotencyKey(ctx);
    String id = ctx.pathParam("id");
    String action = ctx.pathParam("action");
    // One key names one run of the incident, whichever action: the workflow id is the incident's
    // and the key's.
    respond(
        ctx,
        keys.once(
            PATH.replace("{id}", id),
            key,
            json,
            () ->
                runs.run(
                    id,
                    action,
                    ParameterValues.of(body.parameters()),
                    body.reason(),
                    caller(ctx),
                    key)));
  }

  private void undo(Context ctx) {
    ObjectNode json = bodies.object(ctx);
    ActionBody body = bodies.read(json, ActionBody.class);
    String key = IncidentRoutes.idempotencyKey(ctx);
    String id = ctx.pathParam("id");
    respond(
        ctx,
        keys.once(
            PATH.replace("{id}", id),
            key,
            json.deepCopy().put("undo", ctx.pathParam("runId")),
            () ->
                runs.undo(
                    id,
                    ctx.pathParam("runId"),
                    ParameterValues.of(body.parameters()),
                    body.reason(),
                    caller(ctx),
                    key)));
  }

  private void decide(Context ctx, boolean approve) {
    String comment = bodies.read(ctx, CommentBody.class).comment();
    ctx.json(
        runs.decide(ctx.pathParam("id"), ctx.pathParam("runId"), approve, caller(ctx), comment));
  }

  private static void respond(Context ctx, ActionRuns.Admission admission) {
    ctx.status(202).json(Map.of("runId", admission.runId(), "status", admission.status()));
  }

  static ActionRuns.Caller caller(Context ctx) {
    ApiCaller caller = ApiServer.caller(ctx);
    return new ActionRuns.Caller(caller.name(), "token '" + caller.name() + "'", caller::may);
  }
}
