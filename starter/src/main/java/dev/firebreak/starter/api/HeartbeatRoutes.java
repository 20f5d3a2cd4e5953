package dev.firebreak.starter.api;

import dev.firebreak.starter.config.HeartbeatConfig;
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
 * and, with the project's ping key, {@code /ping/<key>/<slug>[/start|/fail|/log|/<exit-status>]}
 * answer as Healthchecks.io does (HEAD, GET or POST; {@code 200 OK}, {@code 404 not found}, {@code
 * 400 invalid url format}; plain text with {@code Ping-Body-Limit}), so an existing cron line works
 * with only its host changed; the token or key is the credential, so these routes take no API
 * token. {@code /api/v1/heartbeats} shows them to anyone with a token and lets responders pause,
 * resume and ping them, recorded under the token's name.
 */
final class HeartbeatRoutes {

  static final String BASE = "/api/v1/heartbeats";
  static final String PING = "/ping/{token}";

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern EXIT_STATUS = Pattern.compile("\\d+");

  private final HeartbeatGateway heartbeats;
  private final JsonBodies bodies;

  HeartbeatRoutes(HeartbeatGateway heartbeats, JsonBodies bodies) {
    this.heartbeats = heartbeats;
    this.bodies = bodies;
  }

  void register(RoutesConfig routes) {
    for (String path : new String[] {PING, PING + "/{second}", PING + "/{second}/{third}"}) {
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
    // A proxy that cached a ping would keep it from ever arriving.
    ctx.header("Cache-Control", "no-cache");
    String token = ctx.pathParam("token");
    String second = ctx.pathParamMap().get("second");
    String third = ctx.pathParamMap().get("third");
    HeartbeatPings pings = heartbeats.pings();
    boolean bySlug = second != null && pings.isPingKey(token);
    if (!bySlug && third != null) {
      plain(ctx, 404, "not found");
      return;
    }
    if (bySlug && !HeartbeatConfig.SLUG.matcher(second).matches()) {
      plain(ctx, 400, "invalid url format");
      return;
    }
    Signal signal = signal(ctx, bySlug ? third : second);
    if (signal == null) {
      return;
    }
    String rid = ctx.queryParam("rid");
    if (rid != null && !rid.isEmpty() && !UUID.matcher(rid).matches()) {
      plain(ctx, 400, "invalid uuid format");
      return;
    }
    String runId = rid == null || rid.isEmpty() ? null : rid.toLowerCase(Locale.ROOT);
    boolean known =
        bySlug
            ? pings.bySlug(token, second, signal.kind(), signal.exitStatus(), runId, body(ctx))
            : pings.byToken(token, signal.kind(), signal.exitStatus(), runId, body(ctx));
    if (known) {
      plain(ctx, 200, "OK");
    } else {
      plain(ctx, 404, "not found");
    }
  }

  /**
   * What the URL's last segment says (none: a success); null, with the answer given, when it is not
   * one Healthchecks.io knows.
   */
  private static Signal signal(Context ctx, String segment) {
    Signal signal;
    if (segment == null) {
      signal = new Signal(PingKind.SUCCESS, null);
    } else if (EXIT_STATUS.matcher(segment).matches()) {
      // Any run of digits is an exit status, however long; above 255 it is a malformed URL.
      String digits = segment.replaceFirst("^0+(?=\\d)", "");
      int status = digits.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(digits);
      if (status > 255) {
        plain(ctx, 400, "invalid url format");
        return null;
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
      }
    }
    return signal;
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
