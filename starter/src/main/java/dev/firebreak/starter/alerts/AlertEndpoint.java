package dev.firebreak.starter.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.SecretResolver;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.DeclarationLimits;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/alerts}: Alertmanager, Grafana, Sentry issue alerts and a generic shape (see
 * {@link AlertSource} for how the sender is told apart, {@code ?source=} to say it outright). Each
 * alert becomes a delivery to the incident of its fingerprint (see {@link AlertKey}), answered with
 * 202 {@code {incidents: [...]}}.
 *
 * <p>Nothing is half applied: the sender is authenticated, the whole body read and every alert in
 * it mapped before the first delivery, so a body refused with a 4xx has changed nothing. Should
 * Temporal fail part-way through a group, the answer is a 5xx and the sender's retry delivers the
 * group again; a repeated firing only raises its incident's counter.
 */
public final class AlertEndpoint {

  private static final Logger log = LoggerFactory.getLogger(AlertEndpoint.class);

  public static final String PATH = "/api/v1/alerts";

  /** Alertmanager's {@code max_alerts} keeps a large group under it. */
  static final int MAX_BODY_BYTES = 512 * 1024;

  static final int MAX_ALERTS = 1000;
  private static final int MAX_DETAIL = 4000;

  /** What became of one alert: its incident, and whether the incident recorded it. */
  record Outcome(
      String id, String workflowId, String fingerprint, String alert, boolean recorded) {}

  private final AlertAuth auth;
  private final AlertRules rules;
  private final IncidentServices incidents;
  private final MeterRegistry metrics;
  private final ObjectMapper json = new ObjectMapper();

  public AlertEndpoint(
      FirebreakConfig config,
      ApiTokens tokens,
      SecretResolver secrets,
      IncidentServices incidents,
      MeterRegistry metrics) {
    this.auth = new AlertAuth(tokens, config.alerts(), secrets);
    this.rules = new AlertRules(config);
    this.incidents = incidents;
    this.metrics = metrics;
  }

  public void register(RoutesConfig routes) {
    // No route role: the API's bearer check would refuse senders that sign or share a secret
    // instead.
    routes.post(PATH, this::receive);
  }

  private void receive(Context ctx) {
    // Read before refusing: answering while the sender still writes resets its connection, and it
    // would see a network error instead of the 413. Javalin's own limit (1 MB) bounds the read.
    byte[] body = ctx.bodyAsBytes();
    if (body.length > MAX_BODY_BYTES) {
      throw tooLarge(body.length);
    }
    String sender = auth.verify(ctx, body);
    JsonNode tree = parse(body);
    String named = ctx.queryParam("source");
    AlertSource source =
        named != null
            ? AlertSource.named(named)
            : AlertSource.detect(tree, ctx.header("Sentry-Hook-Resource"));
    List<ReceivedAlert> alerts = source.format().read(tree);
    if (alerts.size() > MAX_ALERTS) {
      throw Refusal.badRequest(
          "The body holds "
              + alerts.size()
              + " alerts; at most "
              + MAX_ALERTS
              + " are accepted at once (Alertmanager's max_alerts caps a group).");
    }
    List<Delivery> deliveries = alerts.stream().map(this::delivery).toList();
    List<Outcome> outcomes = new ArrayList<>();
    for (Delivery delivery : deliveries) {
      outcomes.add(deliver(delivery, sender));
    }
    ctx.status(202).json(Map.of("incidents", outcomes));
  }

  private record Delivery(String incidentId, AlertRules.Routing routing, AlertReceived alert) {}

  private Delivery delivery(ReceivedAlert received) {
    AlertRules.Routing routing = rules.route(received);
    AlertReceived alert =
        new AlertReceived(
            received.source().label(),
            received.fingerprint(),
            received.firing(),
            DeclarationLimits.fittedTitle(received.title()),
            routing.severity(),
            Clip.of(received.detail(), MAX_DETAIL),
            received.payload(),
            routing.autoResolve());
    return new Delivery(
        AlertKey.incidentId(routing.service(), received.fingerprint()), routing, alert);
  }

  private Outcome deliver(Delivery d, String sender) {
    AlertReceived alert = d.alert();
    boolean recorded = true;
    if (alert.firing()) {
      incidents
          .alerts()
          .firing(
              new Declaration(
                  d.incidentId(),
                  alert.title(),
                  alert.severity(),
                  d.routing().service(),
                  alert.detail(),
                  null,
                  alert.source(),
                  null),
              alert);
    } else {
      recorded = incidents.alerts().ifRunning(d.incidentId(), alert);
    }
    metrics
        .counter(
            "firebreak.alerts.received",
            "source",
            alert.source(),
            "status",
            alert.firing() ? "firing" : "resolved")
        .increment();
    if (!recorded) {
      log.info(
          "{}: resolved {} alert '{}' has no open incident; nothing to record it in",
          d.incidentId(),
          alert.source(),
          alert.title());
    } else if (log.isDebugEnabled()) {
      log.debug(
          "{}: {} alert '{}' {} from {}",
          d.incidentId(),
          alert.source(),
          alert.title(),
          alert.firing() ? "firing" : "resolved",
          sender);
    }
    return new Outcome(
        d.incidentId(),
        IncidentWorkflow.workflowId(d.incidentId()),
        alert.fingerprint(),
        alert.firing() ? "firing" : "resolved",
        recorded);
  }

  private JsonNode parse(byte[] body) {
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (IOException e) {
      throw Refusal.badRequest(
          "The body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (tree == null || !tree.isObject()) {
      throw Refusal.badRequest("The body must be a JSON object.");
    }
    return tree;
  }

  private static Refusal tooLarge(long bytes) {
    return new Refusal(
        413,
        "payload_too_large",
        "The body is "
            + bytes
            + " bytes; alerts are accepted up to "
            + MAX_BODY_BYTES
            + " bytes (Alertmanager's max_alerts keeps a group under it).");
  }
}
