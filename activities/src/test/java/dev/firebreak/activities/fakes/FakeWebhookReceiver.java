package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The application's Stripe webhook endpoint ({@code POST /api/webhooks/stripe}, as Recoup's), doing
 * what Stripe's libraries make a receiver do: verify {@code Stripe-Signature} over the raw body
 * with the signing secret and a 300-second tolerance (400 otherwise), then process the event once
 * per event id, answering 200 to a repeat without processing it again, as Recoup does with its
 * {@code idempotency:{id}} keys. Tests make it reject some events for good (400), fail some a
 * number of times (500), and hold it to a rate with a token bucket that answers 429 and {@code
 * Retry-After: 1}.
 */
public final class FakeWebhookReceiver extends FakeServer {

  public static final String PATH = "/api/webhooks/stripe";
  static final long TOLERANCE_SECONDS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String signingSecret;
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  private final Set<String> rejected = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final AtomicInteger rateLimited = new AtomicInteger();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private volatile TokenBucket limit;
  private volatile long firstProcessedNanos;
  private volatile long lastProcessedNanos;

  public FakeWebhookReceiver(String signingSecret) {
    super(new FaultInjection((status, message) -> "{\"error\":\"" + message + "\"}"));
    this.signingSecret = signingSecret;
  }

  /** {@code http://127.0.0.1:<port>/api/webhooks/stripe}. */
  public String url() {
    return urlOf(PATH);
  }

  /** These events are answered 400 every time: the application cannot handle them. */
  public FakeWebhookReceiver rejects(String... eventIds) {
    rejected.addAll(Set.of(eventIds));
    return this;
  }

  /** The next {@code times} deliveries of this event are answered 500. */
  public FakeWebhookReceiver failsTimes(String eventId, int times) {
    failuresLeft.put(eventId, new AtomicInteger(times));
    return this;
  }

  /**
   * At most {@code perSecond} requests a second (bursts up to one second's worth); more get 429.
   */
  public FakeWebhookReceiver limitTo(int perSecond) {
    limit = new TokenBucket(perSecond);
    return this;
  }

  /** How often this event arrived signed and was answered 2xx (a repeat included). */
  public int deliveries(String eventId) {
    AtomicInteger count = received.get(eventId);
    return count == null ? 0 : count.get();
  }

  /** Events processed, each counted once. */
  public Set<String> processed() {
    return Set.copyOf(received.keySet());
  }

  /** Events that arrived (and were answered 2xx) more than once. */
  public Set<String> duplicates() {
    Set<String> twice = ConcurrentHashMap.newKeySet();
    received.forEach(
        (id, count) -> {
          if (count.get() > 1) {
            twice.add(id);
          }
        });
    return twice;
  }

  public int rateLimitedAnswers() {
    return rateLimited.get();
  }

  public int badSignatures() {
    return badSignatures.get();
  }

  /** Seconds from the first processed event to the last. */
  public double processingSeconds() {
    return (lastProcessedNanos - firstProcessedNanos) / 1e9;
  }

  @Override
  protected MockResponse handle(RecordedRequest request) {
    if (!"POST".equals(request.getMethod())
        || !PATH.equals(request.getRequestUrl().encodedPath())) {
      return json(404, "{\"error\":\"Not found\"}");
    }
    TokenBucket bucket = limit;
    if (bucket != null && !bucket.tryTake()) {
      rateLimited.incrementAndGet();
      return json(429, "{\"error\":\"Too many requests\"}").setHeader("Retry-After", "1");
    }
    String body = bodyOf(request);
    if (!signatureMatches(request.getHeader("Stripe-Signature"), body)) {
      badSignatures.incrementAndGet();
      return json(
          400, "{\"error\":\"No signatures found matching the expected signature for payload\"}");
    }
    String eventId = eventId(body);
    if (eventId == null) {
      return json(400, "{\"error\":\"Webhook payload is not a Stripe event\"}");
    }
    if (rejected.contains(eventId)) {
      return json(400, "{\"error\":\"Unhandled event type for " + eventId + "\"}");
    }
    AtomicInteger failures = failuresLeft.get(eventId);
    if (failures != null && failures.getAndDecrement() > 0) {
      return json(500, "{\"error\":\"Internal server error\"}");
    }
    long now = System.nanoTime();
    if (received.isEmpty()) {
      firstProcessedNanos = now;
    }
    lastProcessedNanos = now;
    boolean repeat =
        received.computeIfAbsent(eventId, id -> new AtomicInteger()).getAndIncrement() > 0;
    return json(200, "{\"received\":true" + (repeat ? ",\"duplicate\":true" : "") + "}");
  }

  /**
   * Stripe's scheme: {@code t} within the tolerance and a {@code v1} equal to the HMAC, compared in
   * constant time.
   */
  private boolean signatureMatches(String header, String body) {
    if (header == null) {
      return false;
    }
    Long timestamp = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length == 2 && kv[0].equals("t")) {
        timestamp = Long.valueOf(kv[1]);
      } else if (kv.length == 2 && kv[0].equals("v1")) {
        v1 = kv[1];
      }
    }
    if (timestamp == null
        || v1 == null
        || Math.abs(System.currentTimeMillis() / 1000 - timestamp) > TOLERANCE_SECONDS) {
      return false;
    }
    return MessageDigest.isEqual(
        hmacHex(timestamp + "." + body).getBytes(StandardCharsets.US_ASCII),
        v1.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Computed here as a receiver's library does, not with the sender's code, so a signing mistake
   * shows.
   */
  private String hmacHex(String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String eventId(String body) {
    try {
      JsonNode event = JSON.readTree(body);
      return "event".equals(event.path("object").asText()) ? event.path("id").asText(null) : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  /** Refills {@code perSecond} tokens a second, holding at most one second's worth. */
  private static final class TokenBucket {
    private final int perSecond;
    private double tokens;
    private long refilledAt = System.nanoTime();

    TokenBucket(int perSecond) {
      this.perSecond = perSecond;
      this.tokens = perSecond;
    }

    synchronized boolean tryTake() {
      long now = System.nanoTime();
      tokens = Math.min(perSecond, tokens + (now - refilledAt) * perSecond / 1e9);
      refilledAt = now;
      if (tokens < 1) {
        return false;
      }
      tokens--;
      return true;
    }
  }
}
