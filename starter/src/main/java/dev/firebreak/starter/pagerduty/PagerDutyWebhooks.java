package dev.firebreak.starter.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.SecretResolver;
import dev.firebreak.starter.incidents.IncidentUpdates;
import dev.firebreak.starter.service.Refusal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/pagerduty}: PagerDuty's Webhooks v3, so an acknowledgement or resolve made
 * in PagerDuty acknowledges or resolves the Firebreak incident its alert belongs to (see {@link
 * PagerDutySync}) and nobody is paged by two systems for one thing.
 *
 * <p>A delivery must carry a {@code X-PagerDuty-Signature} made with one of the configured signing
 * secrets ({@link PagerDutySignature}); a missing or forged one is a 401 and changes nothing. An
 * empty body is a 400 and one over 2 MB a 413 (PagerDuty's own deliveries stay far below). A
 * genuine delivery is answered 202 within PagerDuty's 5 s, whatever it asked for: PagerDuty
 * disables a subscription after three deliveries it had to drop for a 4xx, so an event Firebreak
 * merely does not act on (an unknown type, {@code pagey.ping}, an incident it does not know) is
 * accepted and logged, never refused. A delivery PagerDuty sends again ({@code X-Webhook-Id} seen
 * before) acts once.
 */
public final class PagerDutyWebhooks {

  private static final Logger log = LoggerFactory.getLogger(PagerDutyWebhooks.class);

  public static final String PATH = "/webhooks/pagerduty";
  static final String WEBHOOK_ID = "X-Webhook-Id";

  /** What PagerDuty's own Go library reads at most; its deliveries are below 256 KB. */
  static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

  /** A sender that writes more than it may is read this far, so it sees the 413, not a reset. */
  private static final int MAX_DRAINED_BYTES = 4 * MAX_BODY_BYTES;

  /** Below PagerDuty's 5 s for the whole answer. */
  static final Duration ACCEPT_WITHIN = Duration.ofSeconds(4);

  /** What a delivery became: its event type and the outcome (see {@link PagerDutySync#apply}). */
  record Answer(String event, String incident, String outcome) {}

  private final PagerDutySignature signature;
  private final DeliveryIds deliveries = new DeliveryIds();
  private final PagerDutySync sync;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param secrets the subscription's signing secrets, resolved; at least one
   */
  public PagerDutyWebhooks(List<String> secrets, IncidentUpdates updates, Duration acceptWithin) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("PagerDuty webhooks need a signing secret");
    }
    this.signature = new PagerDutySignature(secrets);
    this.sync = new PagerDutySync(updates, acceptWithin);
  }

  /**
   * The endpoint when {@code providers.pagerduty.webhookSecrets} names a variable that is set;
   * empty (and not served) otherwise. Says which, in the log, naming unset variables (never a
   * value).
   */
  public static Optional<PagerDutyWebhooks> from(
      FirebreakConfig config, SecretResolver secrets, IncidentUpdates updates) {
    List<String> configured =
        config.providers().pagerduty() == null
            ? List.of()
            : config.providers().pagerduty().webhookSecrets();
    List<String> resolved =
        configured.stream().map(secrets::resolve).flatMap(Optional::stream).toList();
    if (resolved.isEmpty()) {
      log.info(
          "PagerDuty webhooks: off ({})",
          configured.isEmpty()
              ? "set providers.pagerduty.webhookSecrets to the subscription's signing secret"
              : "none of providers.pagerduty.webhookSecrets is set in the environment");
      return Optional.empty();
    }
    log.info(
        "PagerDuty webhooks: on at {} ({} of {} signing secrets set)",
        PATH,
        resolved.size(),
        configured.size());
    return Optional.of(new PagerDutyWebhooks(resolved, updates, ACCEPT_WITHIN));
  }

  public void register(RoutesConfig routes) {
    // No route role: the signature is the sender's authentication, not an API token.
    routes.post(PATH, this::receive);
  }

  private void receive(Context ctx) {
    byte[] body = read(ctx);
    if (body.length == 0) {
      throw Refusal.badRequest("The body is empty; PagerDuty sends one event per delivery.");
    }
    String signed = ctx.header(PagerDutySignature.HEADER);
    if (!signature.matches(signed, body)) {
      log.info(
          "PagerDuty webhook refused: {}",
          signed == null ? "no X-PagerDuty-Signature" : "the signature matches no signing secret");
      throw new Refusal(
          401,
          "unauthorized",
          signed == null
              ? "Send the X-PagerDuty-Signature header PagerDuty signs its webhooks with;"
                  + " nothing changed."
              : "The X-PagerDuty-Signature matches none of the configured signing secrets;"
                  + " nothing changed.");
    }
    PagerDutyEvent event = PagerDutyEvent.read(parse(body));
    if (event == null) {
      throw Refusal.badRequest("The body holds no event object; nothing changed.");
    }
    String deliveryId = ctx.header(WEBHOOK_ID) != null ? ctx.header(WEBHOOK_ID) : event.id();
    if (deliveryId != null && !deliveries.claim(deliveryId)) {
      log.info(
          "PagerDuty delivery {} ({}) handled already; accepted without acting again",
          deliveryId,
          event.type());
      ctx.status(202).json(new Answer(event.type(), event.incidentKey(), "duplicate"));
      return;
    }
    String outcome;
    try {
      outcome = sync.apply(event, deliveryId);
    } catch (RuntimeException e) {
      if (deliveryId != null) {
        deliveries.release(deliveryId);
      }
      throw e;
    }
    ctx.status(202).json(new Answer(event.type(), event.incidentKey(), outcome));
  }

  /**
   * The raw body, which the signature covers, up to {@link #MAX_BODY_BYTES}. Read from the stream,
   * not through the API's own limit (which is lower for every other endpoint).
   */
  private static byte[] read(Context ctx) {
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        long drained = body.length;
        byte[] buffer = new byte[64 * 1024];
        for (int n; drained < MAX_DRAINED_BYTES && (n = in.read(buffer)) >= 0; ) {
          drained += n;
        }
        throw new Refusal(
            413,
            "payload_too_large",
            "The body is larger than "
                + MAX_BODY_BYTES
                + " bytes; PagerDuty's deliveries stay far below. Nothing changed.");
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("reading a PagerDuty delivery failed", e);
    }
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode tree = json.readTree(body);
      if (tree != null && tree.isObject()) {
        return tree;
      }
    } catch (IOException e) {
      // Signed but not JSON: said below, in the same words as any other unreadable body.
    }
    throw Refusal.badRequest("The body is not a JSON object; nothing changed.");
  }
}
