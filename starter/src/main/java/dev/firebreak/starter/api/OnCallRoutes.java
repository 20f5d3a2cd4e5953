package dev.firebreak.starter.api;

import dev.firebreak.starter.oncall.OnCallGateway;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Who is on call: {@code GET /api/v1/oncall} (now, per schedule), {@code GET
 * /api/v1/oncall/{schedule}?from&to} (shifts, a week from now by default) for anyone with a token;
 * {@code POST /api/v1/oncall/{schedule}/overrides} and {@code .../swaps} for responders, recorded
 * under the token's name.
 */
final class OnCallRoutes {

  static final String BASE = "/api/v1/oncall";
  private static final Duration DEFAULT_SPAN = Duration.ofDays(7);

  private final OnCallGateway oncall;
  private final JsonBodies bodies;
  private final Clock clock;

  OnCallRoutes(OnCallGateway oncall, JsonBodies bodies, Clock clock) {
    this.oncall = oncall;
    this.bodies = bodies;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.get(BASE, ctx -> ctx.json(Map.of("schedules", oncall.now())), Role.VIEWER);
    routes.get(BASE + "/{schedule}", this::shifts, Role.VIEWER);
    routes.post(BASE + "/{schedule}/overrides", this::override, Role.RESPONDER);
    routes.post(BASE + "/{schedule}/swaps", this::swap, Role.RESPONDER);
  }

  private void shifts(Context ctx) {
    Instant from = instant(ctx, "from", clock.instant());
    Instant to = instant(ctx, "to", from.plus(DEFAULT_SPAN));
    String schedule = ctx.pathParam("schedule");
    ctx.json(
        Map.of(
            "schedule",
            schedule,
            "from",
            from,
            "to",
            to,
            "shifts",
            oncall.shifts(schedule, from, to)));
  }

  private void override(Context ctx) {
    OverrideBody body = bodies.read(ctx, OverrideBody.class);
    if (body.from() == null || body.to() == null) {
      throw Refusal.badRequest("'from' and 'to' are required, as ISO-8601 instants.");
    }
    ctx.status(201)
        .json(
            oncall.override(
                ctx.pathParam("schedule"),
                body.slackUserId(),
                body.name(),
                body.from(),
                body.to(),
                ApiServer.caller(ctx).name()));
  }

  private void swap(Context ctx) {
    SwapBody body = bodies.read(ctx, SwapBody.class);
    ctx.status(201)
        .json(
            Map.of(
                "overrides",
                oncall
                    .swap(
                        ctx.pathParam("schedule"), body.a(), body.b(), ApiServer.caller(ctx).name())
                    .overrides()));
  }

  private static Instant instant(Context ctx, String name, Instant fallback) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw Refusal.badRequest(
          "'"
              + name
              + "' must be an ISO-8601 instant like 2026-12-24T09:00:00Z, not '"
              + text
              + "'.");
    }
  }
}
