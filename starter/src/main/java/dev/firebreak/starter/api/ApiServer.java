package dev.firebreak.starter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.OnCallSpecs;
import dev.firebreak.starter.heartbeats.HeartbeatGateway;
import dev.firebreak.starter.heartbeats.HeartbeatPings;
import dev.firebreak.starter.heartbeats.HeartbeatWorkflows;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.incidents.OpenIncidentGauges;
import dev.firebreak.starter.jobs.JobGateway;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.oncall.OnCallGateway;
import dev.firebreak.starter.oncall.OnCallSchedules;
import dev.firebreak.starter.rollbacks.IncidentRollbacks;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.Role;
import dev.firebreak.starter.service.TemporalFailures;
import dev.firebreak.starter.simulation.PagingSimulator;
import dev.firebreak.starter.simulation.SimulationRequests;
import dev.firebreak.workflows.common.TaskQueue;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Firebreak's HTTP API (README, "Running an incident"): health, metrics, services and incidents.
 * Bearer tokens guard {@code /api/v1}; every error is {@code {"error": code, "message": sentence}}.
 * Handlers make Temporal calls only, so they return quickly whatever the providers are doing.
 */
public final class ApiServer {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final String CALLER = "firebreak.caller";

  /** Scrapes every few seconds must not turn into a Temporal list call each. */
  private static final Duration OPEN_INCIDENTS_REFRESH = Duration.ofSeconds(15);

  /**
   * The largest body any endpoint reads (Javalin's default, stated): each endpoint sets its own
   * lower limit.
   */
  static final long MAX_REQUEST_BYTES = 1_000_000;

  private final Javalin app;

  /**
   * @param tokens who may call {@code /api/v1}; in dev mode include {@code dev-token} as admin
   * @param searchAttributes whether the Temporal server has Firebreak's search attributes
   *     registered
   */
  public ApiServer(
      WorkflowClient client,
      FirebreakConfig config,
      ApiTokens tokens,
      PrometheusMeterRegistry registry,
      TemporalProbe temporal,
      boolean searchAttributes) {
    this(client, config, tokens, registry, temporal, searchAttributes, routes -> {});
  }

  /**
   * @param extraRoutes routes the process adds beside the API, such as dev mode's simulated health
   *     endpoints; they are served without authentication
   */
  public ApiServer(
      WorkflowClient client,
      FirebreakConfig config,
      ApiTokens tokens,
      PrometheusMeterRegistry registry,
      TemporalProbe temporal,
      boolean searchAttributes,
      Consumer<RoutesConfig> extraRoutes) {
    this(
        IncidentServices.of(client, config, searchAttributes),
        config,
        tokens,
        registry,
        temporal,
        extraRoutes);
  }

  private ApiServer(
      IncidentServices incidents,
      FirebreakConfig config,
      ApiTokens tokens,
      PrometheusMeterRegistry registry,
      TemporalProbe temporal,
      Consumer<RoutesConfig> extraRoutes) {
    this(
        incidents,
        new MaintenanceWindows(incidents, config, Clock.systemUTC()),
        config,
        tokens,
        registry,
        temporal,
        extraRoutes);
  }

  /**
   * @param incidents shared with whatever else the process serves (the Slack endpoints)
   * @param windows shared the same way, so one process hands out window ids from one counter
   */
  public ApiServer(
      IncidentServices incidents,
      MaintenanceWindows windows,
      FirebreakConfig config,
      ApiTokens tokens,
      PrometheusMeterRegistry registry,
      TemporalProbe temporal,
      Consumer<RoutesConfig> extraRoutes) {
    this(
        incidents,
        windows,
        config,
        tokens,
        registry,
        temporal,
        extraRoutes,
        HeartbeatPings.none(new HeartbeatWorkflows(incidents.client(), TaskQueue.NAME)));
  }

  /**
   * @param heartbeats the configured heartbeats and their ping tokens, which the process resolves
   *     (with the redactor their bodies pass through)
   */
  public ApiServer(
      IncidentServices incidents,
      MaintenanceWindows windows,
      FirebreakConfig config,
      ApiTokens tokens,
      PrometheusMeterRegistry registry,
      TemporalProbe temporal,
      Consumer<RoutesConfig> extraRoutes,
      HeartbeatPings heartbeats) {
    ObjectMapper json = JsonBodies.mapper();
    // One record of keys for every endpoint that takes them; each endpoint is its own scope.
    IdempotencyKeys keys = new IdempotencyKeys(Clock.systemUTC());
    IncidentRoutes incidentRoutes =
        new IncidentRoutes(incidents, config, new JsonBodies(json), keys);
    new OpenIncidentGauges(incidents.reads(), Clock.systemUTC(), OPEN_INCIDENTS_REFRESH)
        .register(registry);
    RollbackRoutes rollbackRoutes =
        new RollbackRoutes(
            new IncidentRollbacks(incidents, config), new JsonBodies(json), keys, registry);
    MaintenanceRoutes maintenanceRoutes =
        new MaintenanceRoutes(windows, new JsonBodies(json), registry);
    JobRoutes jobRoutes =
        new JobRoutes(
            new JobGateway(incidents.client(), config, incidents.deadlines()),
            new JsonBodies(json));
    HeartbeatRoutes heartbeatRoutes =
        new HeartbeatRoutes(
            new HeartbeatGateway(heartbeats, heartbeats.workflows(), incidents.deadlines()),
            new JsonBodies(json));
    OnCallRoutes oncallRoutes =
        new OnCallRoutes(
            new OnCallGateway(
                new OnCallSchedules(
                    incidents.client(), TaskQueue.NAME, OnCallSpecs.schedules(config.oncall())),
                Clock.systemUTC()),
            new JsonBodies(json),
            Clock.systemUTC());
    SimulationRoutes simulationRoutes =
        new SimulationRoutes(
            new PagingSimulator(config),
            new SimulationRequests(config, Clock.systemUTC()),
            new JsonBodies(json));
    TemporalFailures failures = new TemporalFailures();
    this.app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
              // A wrong method on a known path is a 405 naming the path's methods, not "No such
              // endpoint".
              cfg.http.prefer405over404 = true;
              cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages(json)));
              cfg.jsonMapper(new JavalinJackson(json, false));
              RoutesConfig routes = cfg.routes;
              routes.beforeMatched(ctx -> authenticate(ctx, tokens));
              routes.get("/healthz", ctx -> health(ctx, temporal));
              routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(registry.scrape()));
              routes.get("/api/v1/services", ctx -> ctx.json(config.services()), Role.VIEWER);
              incidentRoutes.register(routes);
              rollbackRoutes.register(routes);
              maintenanceRoutes.register(routes);
              jobRoutes.register(routes);
              heartbeatRoutes.register(routes);
              oncallRoutes.register(routes);
              simulationRoutes.register(routes);
              extraRoutes.accept(routes);
              routes.exception(
                  HttpResponseException.class,
                  (e, ctx) -> {
                    String allowed = e.getDetails().get("availableMethods");
                    if (e.getStatus() == 405 && allowed != null) {
                      ctx.header("Allow", allowed);
                    }
                    respond(ctx, fromJavalin(e));
                  });
              routes.exception(
                  Exception.class,
                  (e, ctx) -> respond(ctx, failures.toRefusal(e, ctx.pathParamMap().get("id"))));
            });
  }

  /** Javalin's own refusals, in the API's error shape. */
  private static Refusal fromJavalin(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 413 ->
          new Refusal(
              413,
              "payload_too_large",
              "The body is larger than the API reads ("
                  + MAX_REQUEST_BYTES / 1_000_000
                  + " MB); nothing was done.");
      case 405 ->
          e.getDetails().containsKey("availableMethods")
              ? new Refusal(
                  405,
                  "method_not_allowed",
                  "This endpoint takes " + e.getDetails().get("availableMethods") + ".")
              : JsonErrorPages.of(405, e.getMessage());
      case 404 -> JsonErrorPages.of(404, e.getMessage());
      default -> new Refusal(e.getStatus(), "bad_request", e.getMessage());
    };
  }

  public ApiServer start(String host, int port) {
    app.start(host, port);
    log.info("HTTP API listening on http://{}:{}", host, app.port());
    return this;
  }

  /** The bound port (useful when started on port 0). */
  public int port() {
    return app.port();
  }

  public void stop() {
    app.stop();
  }

  static ApiCaller caller(Context ctx) {
    return ctx.attribute(CALLER);
  }

  private static void authenticate(Context ctx, ApiTokens tokens) {
    Set<RouteRole> roles = ctx.routeRoles();
    if (roles.isEmpty()) {
      return;
    }
    Role needed = (Role) roles.iterator().next();
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new Refusal(
          401, "unauthorized", "Send an API token as 'Authorization: Bearer <token>'.");
    }
    ApiCaller caller =
        tokens
            .authenticate(header.substring(7).trim())
            .orElseThrow(() -> new Refusal(401, "unauthorized", "The API token is not valid."));
    if (!caller.may(needed)) {
      throw new Refusal(
          403,
          "forbidden",
          "This needs the "
              + needed.label()
              + " role, which token '"
              + caller.name()
              + "' does not have.");
    }
    ctx.attribute(CALLER, caller);
  }

  private static void health(Context ctx, TemporalProbe temporal) {
    boolean reachable = temporal.reachable();
    ctx.status(reachable ? 200 : 503)
        .json(
            Map.of(
                "status",
                reachable ? "ok" : "degraded",
                "temporal",
                reachable ? "ok" : "unreachable"));
  }

  private static void respond(Context ctx, Refusal error) {
    ctx.status(error.status()).json(error.body());
  }
}
