package dev.firebreak.starter.pagerduty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.starter.api.ApiRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PagerDuty's Webhooks v3 sender, as far as a receiver can tell: one event per POST in {@code
 * {"event": {...}}}, a new {@code X-Webhook-Id} per webhook (the same on every attempt of it), and
 * {@code X-PagerDuty-Signature} with a {@code v1=} HMAC-SHA256 entry over the raw body for each of
 * the subscription's secrets (several while one is rotated). Signs on its own, with the JDK's
 * {@code Mac}, so a mistake in Firebreak's verification cannot hide behind the same mistake here.
 */
public final class PagerDutyWebhookSender {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One webhook: what a retry of it sends again unchanged. */
  public record Delivery(String webhookId, byte[] body, String signature) {

    /** The same webhook under another signature header (forged, missing, reordered...). */
    public Delivery signedAs(String header) {
      return new Delivery(webhookId, body, header);
    }
  }

  private final ApiRequests api;
  private final List<String> secrets;
  private final AtomicInteger numbers = new AtomicInteger(100);

  /**
   * @param api the Firebreak API PagerDuty delivers to
   * @param secrets the subscription's signing secrets: one {@code v1=} entry each, in this order
   */
  public PagerDutyWebhookSender(ApiRequests api, String... secrets) {
    this.api = api;
    this.secrets = List.of(secrets);
  }

  /**
   * An incident event as PagerDuty words it.
   *
   * @param incidentKey the dedup key of the trigger that opened the PagerDuty incident; null for an
   *     incident without one
   * @param agent the user who acted; null for an event without a person (an integration's)
   */
  public Delivery incidentEvent(String type, String incidentKey, String agent) {
    ObjectNode event = JSON.createObjectNode();
    ObjectNode inner =
        event
            .putObject("event")
            .put("id", UUID.randomUUID().toString())
            .put("event_type", type)
            .put("resource_type", "incident")
            .put("occurred_at", Instant.now().toString());
    if (agent == null) {
      inner.putNull("agent");
    } else {
      inner
          .putObject("agent")
          .put("id", "PLH1HKV")
          .put("type", "user_reference")
          .put("summary", agent)
          .put("html_url", "https://acme.pagerduty.com/users/PLH1HKV");
    }
    inner.putNull("client");
    int number = numbers.incrementAndGet();
    ObjectNode data =
        inner
            .putObject("data")
            .put("id", "Q" + number + "ABCDEF")
            .put("type", "incident")
            .put("number", number)
            .put("status", status(type))
            .put("title", "[P1] checkout returns 500")
            .put("html_url", "https://acme.pagerduty.com/incidents/Q" + number + "ABCDEF");
    if (incidentKey != null) {
      data.put("incident_key", incidentKey);
    }
    data.putObject("service").put("id", "PSERVIC").put("type", "service_reference");
    return signed(write(event));
  }

  /** A {@code pagey.ping}, what PagerDuty sends when a subscription is tested. */
  public Delivery ping() {
    ObjectNode event = JSON.createObjectNode();
    event
        .putObject("event")
        .put("id", UUID.randomUUID().toString())
        .put("event_type", "pagey.ping")
        .put("resource_type", "pagey")
        .put("occurred_at", Instant.now().toString())
        .putNull("agent")
        .putNull("client")
        .putObject("data")
        .put("message", "Hello from your friend Pagey!")
        .put("type", "ping");
    return signed(write(event));
  }

  /** Any body, signed as PagerDuty signs, as a new webhook. */
  public Delivery signed(byte[] body) {
    return new Delivery(UUID.randomUUID().toString(), body, signature(body));
  }

  /** The same webhook (its id and body) signed with this sender's secrets. */
  public Delivery signed(Delivery delivery) {
    return delivery.signedAs(signature(delivery.body()));
  }

  private String signature(byte[] body) {
    return secrets.stream()
        .map(secret -> "v1=" + hmac(secret, body))
        .collect(Collectors.joining(","));
  }

  public HttpResponse<String> send(Delivery delivery) {
    HttpRequest.Builder request =
        api.request(PagerDutyWebhooks.PATH, null)
            .header("Content-Type", "application/json")
            .header("User-Agent", "PagerDuty-Webhook/V3.0")
            .header("X-Webhook-Id", delivery.webhookId())
            .header("X-Webhook-Subscription", "PY1OL64")
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    if (delivery.signature() != null) {
      request.header("X-PagerDuty-Signature", delivery.signature());
    }
    return api.send(request);
  }

  public static String hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String status(String type) {
    return switch (type) {
      case "incident.acknowledged" -> "acknowledged";
      case "incident.resolved" -> "resolved";
      default -> "triggered";
    };
  }

  private static byte[] write(ObjectNode event) {
    try {
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
