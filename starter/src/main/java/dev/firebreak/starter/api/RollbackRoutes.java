package dev.firebreak.starter.api;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.RollbackPolicyFactory;
import dev.firebreak.starter.config.ServiceConfig;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.Suggestion;
import dev.firebreak.workflows.rollback.Approval;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackRequest;
import dev.firebreak.workflows.rollback.RollbackView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/rollbacks} (request, show, approve, refuse) and an incident's
 * {@code POST /api/v1/incidents/{id}/rollback}. Any token may reach them; who may request or
 * approve a service's rollback is the service's {@code rollback.roles} (admin unless the config
 * grants more), checked once the service is known. The actor is always the token's name, so
 * nobody can request as one person and approve as another.
 */
final class RollbackRoutes {

  static final String BASE = "/api/v1/rollbacks";
  /** Keys become part of workflow ids, which must stay short and printable. */
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private final RollbackGateway rollbacks;
  private final IncidentGateway incidents;
  private final FirebreakConfig config;
  private final JsonBodies bodies;
  private final MeterRegistry metrics;

  RollbackRoutes(RollbackGateway rollbacks, IncidentGateway incidents, FirebreakConfig config, JsonBodies bodies,
      MeterRegistry metrics) {
    this.rollbacks = rollbacks;
    this.incidents = incidents;
    this.config = config;
    this.bodies = bodies;
    this.metrics = metrics;
  }

  void register(RoutesConfig routes) {
    routes.post(BASE, this::request, Role.VIEWER);
    routes.get(BASE + "/{id}", ctx -> ctx.json(rollbacks.view(ctx.pathParam("id"))), Role.VIEWER);
    routes.post(BASE + "/{id}/approve", ctx -> decide(ctx, true), Role.VIEWER);
    routes.post(BASE + "/{id}/refuse", ctx -> decide(ctx, false), Role.VIEWER);
    routes.post(IncidentRoutes.BASE + "/{id}/rollback", this::fromIncident, Role.RESPONDER);
  }

  private void request(Context ctx) {
    String key = idempotencyKey(ctx, true);
    RollbackBody body = bodies.read(bodies.object(ctx.body()), RollbackBody.class);
    ServiceConfig service = rollbackable(IncidentRoutes.required("service", body.service()), ctx);
    String reason = IncidentRoutes.required("reason", body.reason());
    RollbackOrder order = order(service, key, body.toDeployment(), reason, ctx, IncidentRoutes.blankToNull(body.incidentId()));
    respond(ctx, rollbacks.request(order));
  }

  /**
   * The assessment's rollback suggestion made runnable: the incident's service, to the deploy the
   * suggestion names unless the body names another, started by the incident as its child.
   */
  private void fromIncident(Context ctx) {
    String incidentId = ctx.pathParam("id");
    RollbackBody body = bodies.read(bodies.object(ctx.body()), RollbackBody.class);
    IncidentView incident = incidents.view(incidentId);
    ServiceConfig service = rollbackable(incident.service(), ctx);
    String target = body.toDeployment() != null ? body.toDeployment() : incident.suggestions().stream()
        .filter(s -> "rollback".equals(s.kind()) && service.name().equals(s.service()))
        .map(Suggestion::target).filter(t -> t != null).findFirst().orElse(null);
    String key = incidentId.toLowerCase(Locale.ROOT) + "-" + idempotencyKey(ctx, false);
    String reason = body.reason() != null ? body.reason() : "Rollback for " + incidentId + ": " + incident.title();
    respond(ctx, rollbacks.requestForIncident(incidentId, order(service, key, target, reason, ctx, incidentId)));
  }

  private void decide(Context ctx, boolean approve) {
    String id = ctx.pathParam("id");
    RollbackView view = rollbacks.view(id);
    rollbackable(view.service(), ctx);
    String comment = bodies.object(ctx.body()).path("comment").asText(null);
    Approval approval = new Approval(ApiServer.caller(ctx).name(), comment);
    ctx.json(approve ? rollbacks.approve(id, approval) : rollbacks.refuse(id, approval));
  }

  private RollbackOrder order(ServiceConfig service, String key, String toDeployment, String reason, Context ctx,
      String incidentId) {
    RollbackRequest request = new RollbackRequest(key, service.name(), IncidentRoutes.blankToNull(toDeployment), reason.strip(),
        ApiServer.caller(ctx).name(), incidentId);
    return new RollbackOrder(request, RollbackPolicyFactory.forService(service));
  }

  private void respond(Context ctx, RollbackGateway.Admission admission) {
    if (admission.started()) {
      metrics.counter("firebreak.rollbacks.started").increment();
    }
    ctx.status(202).json(Map.of("id", admission.workflowId().substring(RollbackGateway.ID_PREFIX.length()),
        "workflowId", admission.workflowId(), "status", admission.status()));
  }

  /** The service, if it exists, runs on a platform, and the caller holds a role its config grants. */
  private ServiceConfig rollbackable(String name, Context ctx) {
    ServiceConfig service = config.service(name).orElseThrow(() -> ApiError.badRequest("No service named '" + name
        + "'; known: " + config.services().stream().map(ServiceConfig::name).collect(Collectors.joining(", ")) + "."));
    if (service.platform() == null) {
      throw ApiError.badRequest("Service '" + name + "' has no platform in the config, so Firebreak cannot roll it back.");
    }
    ApiCaller caller = ApiServer.caller(ctx);
    if (service.rollback().roles().stream().map(Role::of).noneMatch(caller::may)) {
      throw new ApiError(403, "forbidden", "Rolling back " + name + " needs one of the roles "
          + String.join(", ", service.rollback().roles()) + ", which token '" + caller.name() + "' does not have.");
    }
    return service;
  }

  private static String idempotencyKey(Context ctx, boolean required) {
    String key = ctx.header("Idempotency-Key");
    if (key == null || key.isBlank()) {
      if (required) {
        throw ApiError.badRequest("Send an 'Idempotency-Key' header (any unique string, such as a UUID): "
            + "a retried request with the same key returns the same rollback instead of starting another.");
      }
      return UUID.randomUUID().toString().substring(0, 8);
    }
    if (!KEY.matcher(key).matches()) {
      throw ApiError.badRequest("The 'Idempotency-Key' header must be 1 to 100 letters, digits, '.', '_' or '-'.");
    }
    return key;
  }
}
