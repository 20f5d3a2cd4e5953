package dev.firebreak.starter.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.starter.config.ServiceConfig;
import dev.firebreak.starter.rollbacks.IncidentRollbacks;
import dev.firebreak.starter.rollbacks.RollbackAdmission;
import dev.firebreak.starter.rollbacks.RollbackGateway;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.RequiredFields;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackRequest;
import dev.firebreak.workflows.rollback.RollbackView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/rollbacks} (request, show, approve, refuse) and an incident's {@code POST
 * /api/v1/incidents/{id}/rollback}. Any token may reach them; who may request or approve a
 * service's rollback is the service's {@code rollback.roles} (admin unless the config grants more),
 * checked once the service is known. The actor is always the token's name, so nobody can request as
 * one person and approve as another.
 */
final class RollbackRoutes {

  static final String BASE = "/api/v1/rollbacks";

  /** Keys become part of workflow ids, which must stay short and printable. */
  static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private final IncidentRollbacks incidentRollbacks;
  private final RollbackGateway rollbacks;
  private final JsonBodies bodies;
  private final IdempotencyKeys keys;
  private final MeterRegistry metrics;

  RollbackRoutes(
      IncidentRollbacks incidentRollbacks,
      JsonBodies bodies,
      IdempotencyKeys keys,
      MeterRegistry metrics) {
    this.incidentRollbacks = incidentRollbacks;
    this.rollbacks = incidentRollbacks.gateway();
    this.bodies = bodies;
    this.keys = keys;
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
    ObjectNode json = bodies.object(ctx);
    RollbackBody body = bodies.read(json, RollbackBody.class);
    ServiceConfig service = rollbackable(RequiredFields.required("service", body.service()), ctx);
    String reason = RequiredFields.required("reason", body.reason());
    RollbackOrder order =
        order(
            service,
            key,
            body.toDeployment(),
            reason,
            ctx,
            RequiredFields.blankToNull(body.incidentId()));
    // Keys are per service, as rollback ids are (<service>-<key>): one key may roll back several
    // services.
    respond(
        ctx,
        keys.once(
            BASE + " " + service.name(),
            key,
            json,
            () -> {
              // The key's rollback may predate this process (a restart, another replica): its
              // request is the record.
              rollbacks
                  .find(order.workflowId())
                  .filter(earlier -> !sameRequest(earlier, order))
                  .ifPresent(
                      earlier -> {
                        throw IdempotencyKeys.reused(key);
                      });
              return rollbacks.request(order);
            }));
  }

  /** The assessment's rollback suggestion made runnable, unless the body names another deploy. */
  private void fromIncident(Context ctx) {
    ObjectNode json = bodies.object(ctx);
    RollbackBody body = bodies.read(json, RollbackBody.class);
    String key = ctx.header("Idempotency-Key") == null ? null : idempotencyKey(ctx, false);
    String scope = IncidentRoutes.BASE + "/" + ctx.pathParam("id") + "/rollback";
    respond(
        ctx,
        keys.once(
            scope,
            key,
            json,
            () ->
                incidentRollbacks.request(
                    ctx.pathParam("id"),
                    RequiredFields.blankToNull(body.toDeployment()),
                    body.reason(),
                    requester(ctx),
                    key != null ? key : idempotencyKey(ctx, false))));
  }

  /** Whether a rollback found under a key is the one this request asks for. */
  private static boolean sameRequest(RollbackView earlier, RollbackOrder order) {
    RollbackRequest request = order.request();
    return Objects.equals(earlier.reason(), request.reason())
        && Objects.equals(earlier.incidentId(), request.incidentId())
        && (request.toDeployment() == null
            || earlier.toDeployment() == null
            || request.toDeployment().equals(earlier.toDeployment()));
  }

  private void decide(Context ctx, boolean approve) {
    String comment = bodies.read(ctx, CommentBody.class).comment();
    ctx.json(incidentRollbacks.decide(ctx.pathParam("id"), approve, requester(ctx), comment));
  }

  private RollbackOrder order(
      ServiceConfig service,
      String key,
      String toDeployment,
      String reason,
      Context ctx,
      String incidentId) {
    return incidentRollbacks.order(
        service, key, toDeployment, reason, ApiServer.caller(ctx).name(), incidentId);
  }

  private void respond(Context ctx, RollbackAdmission admission) {
    if (admission.started()) {
      metrics.counter("firebreak.rollbacks.started").increment();
    }
    ctx.status(202)
        .json(
            Map.of(
                "id",
                admission.id(),
                "workflowId",
                admission.workflowId(),
                "status",
                admission.status()));
  }

  private ServiceConfig rollbackable(String name, Context ctx) {
    return incidentRollbacks.rollbackable(name, requester(ctx));
  }

  private static IncidentRollbacks.Requester requester(Context ctx) {
    ApiCaller caller = ApiServer.caller(ctx);
    return new IncidentRollbacks.Requester(
        caller.name(), "token '" + caller.name() + "'", caller::may);
  }

  private static String idempotencyKey(Context ctx, boolean required) {
    String key = ctx.header("Idempotency-Key");
    if (key == null || key.isBlank()) {
      if (required) {
        throw Refusal.badRequest(
            "Send an 'Idempotency-Key' header (any unique string, such as a UUID): "
                + "a retried request with the same key returns the same rollback instead of starting another.");
      }
      return UUID.randomUUID().toString().substring(0, 8);
    }
    if (!KEY.matcher(key).matches()) {
      throw Refusal.badRequest(
          "The 'Idempotency-Key' header must be 1 to 100 letters, digits, '.', '_' or '-'.");
    }
    return key;
  }
}
