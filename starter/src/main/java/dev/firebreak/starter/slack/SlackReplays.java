package dev.firebreak.starter.slack;

import dev.firebreak.starter.service.Digests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed Slack requests handled in the last five minutes, so none is handled twice. Bolt's
 * check accepts a correctly signed request for five minutes and any time ahead: a captured request
 * sent again within that window, or Slack's own retry (a new signature over the same body, marked
 * {@code X-Slack-Retry-Num}) after a slow first answer, would otherwise declare a second incident.
 * A timestamp is accepted from five minutes before it to five after, so a request is kept for ten.
 */
final class SlackReplays {

  /** Slack's own tolerance for a request's timestamp, in both directions here. */
  static final Duration WINDOW = Duration.ofMinutes(5);

  /**
   * Far above any team's traffic in five minutes; only correctly signed requests are remembered.
   */
  private static final int MAX_REMEMBERED = 50_000;

  private final Clock clock;
  private final Map<String, Instant> seen = new LinkedHashMap<>();

  SlackReplays(Clock clock) {
    this.clock = clock;
  }

  /**
   * Whether the request's timestamp is within {@link #WINDOW} of now, neither stale nor from the
   * future.
   */
  boolean current(String timestamp) {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp == null ? "" : timestamp.trim());
    } catch (NumberFormatException notANumber) {
      return false;
    }
    return Math.abs(clock.instant().getEpochSecond() - (double) seconds) <= WINDOW.toSeconds();
  }

  /**
   * Remembers a correctly signed request; false when it was handled already: the same signature (a
   * replay), or a retry whose body was handled already.
   *
   * @param retry Slack marked the request with {@code X-Slack-Retry-Num}
   */
  synchronized boolean firstSight(String timestamp, String signature, String body, boolean retry) {
    forgetExpired();
    String bodyKey = "body:" + Digests.sha256Hex(body);
    boolean replayed =
        seen.containsKey("signature:" + timestamp + ":" + signature)
            || (retry && seen.containsKey(bodyKey));
    Instant now = clock.instant();
    seen.putIfAbsent("signature:" + timestamp + ":" + signature, now);
    seen.putIfAbsent(bodyKey, now);
    while (seen.size() > MAX_REMEMBERED) {
      Iterator<String> oldest = seen.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return !replayed;
  }

  private void forgetExpired() {
    Instant cutoff = clock.instant().minus(WINDOW).minus(WINDOW);
    for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
      if (it.next().isAfter(cutoff)) {
        return;
      }
      it.remove();
    }
  }
}
