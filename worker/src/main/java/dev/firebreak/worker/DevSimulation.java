package dev.firebreak.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.activities.health.HealthBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode's pretend production: a health endpoint per demo service and a Statuspage-format page
 * per dependency, both switchable over HTTP, so a user can watch a resolve be refused, a monitoring
 * period reopen an incident, or an assessment spot a degraded provider.
 */
final class DevSimulation {

  private static final Logger log = LoggerFactory.getLogger(DevSimulation.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Set<String> services;
  private final Set<String> dependencies;

  /** The body each service answers its health checks with, once switched; healthy until then. */
  private final Map<String, JsonNode> answers = new ConcurrentHashMap<>();

  private final Map<String, StatusIndicator> statusPages = new ConcurrentHashMap<>();

  record StatusIndicator(String indicator, String description) {}

  DevSimulation(Set<String> services, Set<String> dependencies) {
    this.services = Set.copyOf(services);
    this.dependencies = Set.copyOf(dependencies);
  }

  void register(RoutesConfig routes) {
    routes.get("/dev/services/{name}/health", this::health);
    routes.post("/dev/services/{name}/health", this::switchHealth);
    routes.get("/dev/status/{name}/api/v2/status.json", this::statusPage);
    routes.post("/dev/status/{name}", this::switchStatusPage);
  }

  private void health(Context ctx) {
    String service = knownService(ctx);
    if (service == null) {
      return;
    }
    JsonNode body = answers.getOrDefault(service, runbookBody(null));
    ctx.status(HealthBody.of(body).healthy() ? 200 : 503).json(body);
  }

  /**
   * Takes either the switch ({@code {"healthy":false,"failingCheck":"redis"}}) or the body the
   * service should answer with, in the runbooks' shape ({@code
   * {"status":"unhealthy","checks":{…}}}), which is served as sent, with 503 when it reads
   * unhealthy.
   */
  private void switchHealth(Context ctx) {
    String service = knownService(ctx);
    if (service == null) {
      return;
    }
    JsonNode change;
    try {
      change = JSON.readTree(ctx.body());
    } catch (JsonProcessingException e) {
      change = null;
    }
    JsonNode body;
    if (change != null && change.path("healthy").isBoolean()) {
      body =
          runbookBody(
              change.get("healthy").asBoolean()
                  ? null
                  : change.path("failingCheck").asText("database"));
    } else if (change != null
        && (change.path("status").isValueNode() || change.path("checks").isObject())) {
      body = change;
    } else {
      error(
          ctx,
          400,
          "bad_request",
          "Send {\"healthy\": true|false} (optionally with {\"failingCheck\": \"database\"}), "
              + "or the body the service should answer, e.g. {\"status\": \"unhealthy\", \"checks\": {\"database\": \"error\"}}.");
      return;
    }
    answers.put(service, body);
    HealthBody health = HealthBody.of(body);
    log.info(
        "dev: {} is now {}",
        service,
        health.healthy() ? "healthy" : "unhealthy " + health.failingChecks());
    ctx.json(Map.of("service", service, "healthy", health.healthy()));
  }

  /**
   * What a demo service answers, as the runbooks' health endpoints do; {@code failing} names the
   * broken check.
   */
  private static JsonNode runbookBody(String failing) {
    ObjectNode body =
        JSON.createObjectNode().put("status", failing == null ? "healthy" : "unhealthy");
    ObjectNode checks = body.putObject("checks").put("database", "ok").put("redis", "ok");
    if (failing != null) {
      checks.put(failing, "error");
    }
    return body;
  }

  private void statusPage(Context ctx) {
    String dependency = knownDependency(ctx);
    if (dependency == null) {
      return;
    }
    StatusIndicator status =
        statusPages.getOrDefault(
            dependency, new StatusIndicator("none", "All Systems Operational"));
    ctx.json(
        Map.of(
            "page", Map.of("id", "dev-" + dependency, "name", dependency, "url", ctx.fullUrl()),
            "status",
                Map.of("indicator", status.indicator(), "description", status.description())));
  }

  private void switchStatusPage(Context ctx) {
    String dependency = knownDependency(ctx);
    if (dependency == null) {
      return;
    }
    StatusIndicator change = ctx.bodyAsClass(StatusIndicator.class);
    if (change.indicator() == null
        || !Set.of("none", "minor", "major", "critical").contains(change.indicator())) {
      error(ctx, 400, "bad_request", "indicator must be one of none, minor, major, critical.");
      return;
    }
    String description =
        change.description() != null
            ? change.description()
            : change.indicator().equals("none")
                ? "All Systems Operational"
                : "Partial System Outage";
    statusPages.put(dependency, new StatusIndicator(change.indicator(), description));
    log.info("dev: {} status page now says {} ({})", dependency, change.indicator(), description);
    ctx.json(
        Map.of(
            "dependency", dependency, "indicator", change.indicator(), "description", description));
  }

  private String knownService(Context ctx) {
    return known(ctx, services, "service");
  }

  private String knownDependency(Context ctx) {
    return known(ctx, dependencies, "dependency");
  }

  private static String known(Context ctx, Set<String> names, String what) {
    String name = ctx.pathParam("name");
    if (!names.contains(name)) {
      error(
          ctx,
          404,
          "not_found",
          "No demo "
              + what
              + " named '"
              + name
              + "'; known: "
              + String.join(", ", names.stream().sorted().toList())
              + ".");
      return null;
    }
    return name;
  }

  private static void error(Context ctx, int status, String code, String message) {
    ctx.status(status).json(Map.of("error", code, "message", message));
  }
}
