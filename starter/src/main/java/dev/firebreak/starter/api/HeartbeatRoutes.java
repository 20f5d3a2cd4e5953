package dev.firebreak.starter.api;

import dev.firebreak.starter.heartbeats.HeartbeatGateway;
import dev.firebreak.starter.heartbeats.HeartbeatPings;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.RequiredFields;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.heartbeat.HeartbeatCommand;
import dev.firebreak.workflows.heartbeat.PingKind;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The heartbeat endpoints. {@code /ping/<token>[/start|/fail|/log|/<exit-status>][?rid=<uuid>]}
 * answers as Healthchecks.io does (HEAD, GET or POST; {@code 200 OK}, {@code 404 not found}, {@code
 * 400 invalid url format}; plain text with {@code Ping-Body-Limit}), so an existing cron line works
 * with only its host changed; the token is the credential, so these routes take no API token.
 * {@code /api/v1/heartbeats} shows them to anyone with a token and lets responders pause, resume
 * and ping them, recorded under the token's name.
 */
final class HeartbeatRoutes {

  static final String BASE = "/api/v1/heartbeats";
  static final String PING = "/ping/{token}";

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern EXIT_STATUS = Pattern.compile("\\d{1,9}");

  private final HeartbeatGateway heartbeats;
  private final JsonBodies bodies;

  HeartbeatRoutes(HeartbeatGateway heartbeats, JsonBodies bodies) {
    this.heartbeats = heartbeats;
    this.bodies = bodies;
  }

  void register(RoutesConfig routes) {
    for (String path : new String[] {PING, PING + "/{signal}"}) {
      Handler ping = this::ping;
      routes.get(path, ping);
      routes.post(path, ping);
      routes.head(path, ping);
    }
    routes.get(BASE, ctx -> ctx.json(heartbeats.list()), Role.VIEWER);
    routes.get(
        BASE + "/{name}", ctx -> ctx.json(heartbeats.view(ctx.pathParam("name"))), Role.VIEWER);
    for (HeartbeatGateway.Verb verb : HeartbeatGateway.Verb.values()) {
      routes.post(BASE + "/{name}/" + verb.path(), ctx -> command(ctx, verb), Role.RESPONDER);
    }
    routes.post(BASE + "/{name}/ping", this::apiPing, Role.RESPONDER);
  }

  /** What a ping URL's last segment says; null when it is not one Healthchecks.io knows. */
  private record Signal(PingKind kind, Integer exitStatus) {}

  private void ping(Context ctx) {
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.header("Ping-Body-Limit", String.valueOf(HeartbeatPings.BODY_LIMIT));
    String segment = ctx.pathParamMap().get("signal");
    Signal signal;
    if (segment == null) {
      signal = new Signal(PingKind.SUCCESS, null);
    } else if (EXIT_STATUS.matcher(segment).matches()) {
      int status = Integer.parseInt(segment);
      if (status > 255) {
        plain(ctx, 400, "invalid url format");
        return;
      }
      signal = new Signal(status == 0 ? PingKind.SUCCESS : PingKind.FAIL, status);
    } else {
      signal =
          switch (segment) {
            case "start" -> new Signal(PingKind.START, null);
            case "fail" -> new Signal(PingKind.FAIL, null);
            case "log" -> new Signal(PingKind.LOG, null);
            default -> null;
          };
      if (signal == null) {
        plain(ctx, 404, "not found");
        return;
      }
    }
    String rid = ctx.queryParam("rid");
    if (rid != null && !rid.isEmpty() && !UUID.matcher(rid).matches()) {
      plain(ctx, 400, "invalid uuid format");
      return;
    }
    boolean known =
        heartbeats
            .pings()
            .byToken(
                ctx.pathParam("token"),
                signal.kind(),
                signal.exitStatus(),
                rid == null || rid.isEmpty() ? null : rid.toLowerCase(Locale.ROOT),
                body(ctx));
    if (known) {
      plain(ctx, 200, "OK");
    } else {
      plain(ctx, 404, "not found");
    }
  }

  /** The first {@value HeartbeatPings#BODY_LIMIT} bytes; the rest is not read. */
  private static byte[] body(Context ctx) {
    if (!"POST".equals(ctx.method().name())) {
      return new byte[0];
    }
    try (InputStream in = ctx.req().getInputStream()) {
      return in.readNBytes(HeartbeatPings.BODY_LIMIT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void plain(Context ctx, int status, String text) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(text);
  }

  private void command(Context ctx, HeartbeatGateway.Verb verb) {
    String reason = RequiredFields.blankToNull(bodies.read(ctx, ReasonBody.class).reason());
    ctx.json(
        heartbeats.command(
            ctx.pathParam("name"),
            verb,
            new HeartbeatCommand(ApiServer.caller(ctx).name(), reason)));
  }

  private void apiPing(Context ctx) {
    String name = ctx.pathParam("name");
    heartbeats.configured(name);
    PingBody body = bodies.read(ctx, PingBody.class);
    PingKind kind;
    try {
      kind =
          body.kind() == null
              ? PingKind.SUCCESS
              : PingKind.valueOf(body.kind().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.badRequest(
          "'kind' must be success, start, fail or log, not '" + body.kind() + "'.");
    }
    Integer exit = body.exitStatus();
    if (exit != null) {
      if (exit < 0 || exit > 255) {
        throw Refusal.badRequest("'exitStatus' must be 0-255, not " + exit + ".");
      }
      kind = exit == 0 ? PingKind.SUCCESS : PingKind.FAIL;
    }
    String rid = RequiredFields.blankToNull(body.rid());
    if (rid != null && !UUID.matcher(rid).matches()) {
      throw Refusal.badRequest("'rid' must be a UUID, not '" + rid + "'.");
    }
    String text = body.body();
    if (text != null && text.length() > HeartbeatPings.BODY_LIMIT) {
      text = text.substring(0, HeartbeatPings.BODY_LIMIT);
    }
    heartbeats
        .pings()
        .byName(
            name,
            kind,
            exit,
            rid == null ? null : rid.toLowerCase(Locale.ROOT),
            text,
            ApiServer.caller(ctx).name());
    ctx.json(heartbeats.view(name));
  }
}
