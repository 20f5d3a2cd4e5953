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
import dev.firebreak.workflows.maintenance.SilencedAlert;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Instant;
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
 *
 * <p>With an {@link AlertJournal} the 202 comes as soon as the alerts are on the disk, and an
 * {@link AlertDrainer} delivers them at Temporal's pace (each outcome says {@code queued}); a
 * resolved alert's {@code recorded} is then not known yet (null).
 */
public final class AlertEndpoint implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertEndpoint.class);

  public static final String PATH = "/api/v1/alerts";

  /** Alertmanager's {@code max_alerts} keeps a large group under it. */
  static final int MAX_BODY_BYTES = 512 * 1024;

  static final int MAX_ALERTS = 1000;
  private static final int MAX_DETAIL = 4000;

  /** What became of one alert: its incident, and whether the incident recorded it. */
  record Outcome(
      String id,
      String workflowId,
      String fingerprint,
      String alert,
      Boolean recorded,
      boolean queued) {}

  private final AlertAuth auth;
  private final AlertRules rules;
  private final IncidentServices incidents;
  private final MeterRegistry metrics;
  private final ObjectMapper json = new ObjectMapper();
  private final AlertJournal journal;
  private final AlertSilences silences;
  private final AlertDrainer drainer;

  /** Delivers each alert before answering. */
  public AlertEndpoint(
      FirebreakConfig config,
      ApiTokens tokens,
      SecretResolver secrets,
      IncidentServices incidents,
      MeterRegistry metrics) {
    this(config, tokens, secrets, incidents, metrics, null, AlertSilences.NONE);
  }

  /**
   * @param journal where accepted alerts wait for delivery; null delivers each before answering
   * @param silences the maintenance windows that record, instead of paging, the alerts of the
   *     services they work on
   */
  public AlertEndpoint(
      FirebreakConfig config,
      ApiTokens tokens,
      SecretResolver secrets,
      IncidentServices incidents,
      MeterRegistry metrics,
      AlertJournal journal,
      AlertSilences silences) {
    this.silences = silences;
    this.auth = new AlertAuth(tokens, config.alerts(), secrets);
    this.rules = new AlertRules(config);
    this.incidents = incidents;
    this.metrics = metrics;
    this.journal = journal;
    this.drainer = journal == null ? null : AlertDrainer.start(journal, this::deliver);
    if (journal != null) {
      metrics.gauge("firebreak.alerts.queued", journal, AlertJournal::outstanding);
    }
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
    // A journaled alert may reach Temporal later; its incident is declared when it arrived here.
    long receivedAt = journal == null ? 0 : System.currentTimeMillis();
    List<JournaledAlert> deliveries =
        alerts.stream().map(alert -> delivery(alert, sender, receivedAt)).toList();
    List<Outcome> outcomes = new ArrayList<>();
    if (journal != null) {
      drainer.submit(journal.append(deliveries));
      deliveries.forEach(d -> outcomes.add(outcome(d, d.alert().firing() ? true : null, true)));
    } else {
      for (JournaledAlert delivery : deliveries) {
        outcomes.add(outcome(delivery, deliver(delivery), false));
      }
    }
    ctx.status(202).json(Map.of("incidents", outcomes));
  }

  private JournaledAlert delivery(ReceivedAlert received, String sender, long receivedAt) {
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
            routing.autoResolve(),
            received.labels());
    return new JournaledAlert(
        0,
        AlertKey.incidentId(routing.service(), received.fingerprint()),
        routing.service(),
        receivedAt,
        sender,
        alert);
  }

  /**
   * Delivers one alert to its incident; whether the incident (or a silencing window) recorded it.
   */
  private boolean deliver(JournaledAlert d) {
    AlertReceived alert = d.alert();
    boolean recorded = true;
    Instant silencedUntil =
        silences.silence(
            new SilencedAlert(
                d.incidentId(),
                d.service(),
                d.receivedAtMillis() == 0
                    ? Instant.now()
                    : Instant.ofEpochMilli(d.receivedAtMillis()),
                alert,
                false));
    if (silencedUntil != null && alert.firing()) {
      // The window declares it when the silence ends, if it still fires then.
      log.info(
          "{}: {} alert '{}' silenced by maintenance until {}",
          d.incidentId(),
          alert.source(),
          alert.title(),
          silencedUntil);
    } else if (alert.firing()) {
      incidents
          .alerts()
          .firing(
              new Declaration(
                  d.incidentId(),
                  alert.title(),
                  alert.severity(),
                  d.service(),
                  alert.detail(),
                  null,
                  alert.source(),
                  d.receivedAtMillis() == 0 ? null : Instant.ofEpochMilli(d.receivedAtMillis())),
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
          d.sender());
    }
    return recorded;
  }

  private static Outcome outcome(JournaledAlert d, Boolean recorded, boolean queued) {
    return new Outcome(
        d.incidentId(),
        IncidentWorkflow.workflowId(d.incidentId()),
        d.alert().fingerprint(),
        d.alert().firing() ? "firing" : "resolved",
        recorded,
        queued);
  }

  /** Stops delivering; what is not delivered yet stays in the journal for the next start. */
  @Override
  public void close() {
    if (drainer != null) {
      drainer.close();
      journal.close();
    }
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
