package dev.firebreak.starter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.firebreak.starter.service.Digests;
import dev.firebreak.starter.service.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What each {@code Idempotency-Key} was first used for, as Stripe keeps it: the same key with the
 * same body is a retry and gets the same answer, the same key with a different body is a mistake
 * and gets 422 instead of a 200 that silently applied nothing. A key is remembered once its request
 * succeeded (a refused request may be corrected and sent again under its key), for {@value
 * #KEPT_HOURS} hours, and at most {@value #MAX_KEYS} keys at a time, oldest forgotten first. Any
 * endpoint that takes the header can use it; it compares the parsed body, so the order of fields
 * and white space do not matter. (Which incident a declaration's key started is the declaration
 * service's {@code DeclarationsByKey}: this class knows bodies, that one incidents.)
 */
final class IdempotencyKeys {

  static final int KEPT_HOURS = 24;
  static final int MAX_KEYS = 10_000;
  private static final Duration KEPT = Duration.ofHours(KEPT_HOURS);

  private record Use(String fingerprint, Instant at) {}

  private final ObjectMapper canonical =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private final Map<String, Use> uses = new LinkedHashMap<>();
  private final Clock clock;

  IdempotencyKeys(Clock clock) {
    this.clock = clock;
  }

  /**
   * Runs the request unless its key came with another body before.
   *
   * @param scope the endpoint, so one key may serve different endpoints
   * @param key null when the caller sent none: the request just runs
   */
  <T> T once(String scope, String key, JsonNode body, Supplier<T> request) {
    if (key == null) {
      return request.get();
    }
    String id = scope + " " + key;
    String fingerprint = fingerprint(body);
    Use earlier = earlier(id);
    if (earlier != null && !earlier.fingerprint().equals(fingerprint)) {
      throw reused(key);
    }
    T answer = request.get();
    remember(id, fingerprint);
    return answer;
  }

  /**
   * The refusal for a key used before with a different request; also for checks against stored
   * requests.
   */
  static Refusal reused(String key) {
    return Refusal.keyReused(key);
  }

  private synchronized Use earlier(String id) {
    forgetExpired();
    return uses.get(id);
  }

  private synchronized void remember(String id, String fingerprint) {
    uses.putIfAbsent(id, new Use(fingerprint, clock.instant()));
    while (uses.size() > MAX_KEYS) {
      Iterator<String> oldest = uses.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  private void forgetExpired() {
    Instant cutoff = clock.instant().minus(KEPT);
    for (Iterator<Use> it = uses.values().iterator(); it.hasNext(); ) {
      if (it.next().at().isAfter(cutoff)) {
        return;
      }
      it.remove();
    }
  }

  private String fingerprint(JsonNode body) {
    try {
      return Digests.sha256Hex(
          canonical.writeValueAsString(canonical.treeToValue(body, Object.class)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint a request body", e);
    }
  }
}
