package dev.firebreak.activities.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slack's per-method rate limits ("tiers"), as a sliding window per method, or per method and
 * channel for chat.postMessage, whose special tier is counted per channel. Off until a test sets a
 * limit, as Slack's own limits are far above what one test sends.
 */
final class FakeSlackRateLimits {

  private record Limit(int calls, Duration window) {}

  private final Clock clock;
  private final Map<String, Limit> limitsByMethod = new HashMap<>();
  private final Map<String, Deque<Instant>> acceptedByBucket = new HashMap<>();

  FakeSlackRateLimits(Clock clock) {
    this.clock = clock;
  }

  void limit(String method, int calls, Duration window) {
    limitsByMethod.put(method, new Limit(calls, window));
  }

  /**
   * Counts the call, or says how long until it would be accepted.
   *
   * @param channel the bucket within the method for per-channel limits, null for per-method ones
   */
  Optional<Duration> admit(String method, String channel) {
    Limit limit = limitsByMethod.get(method);
    if (limit == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Deque<Instant> accepted =
        acceptedByBucket.computeIfAbsent(
            channel == null ? method : method + " " + channel, b -> new ArrayDeque<>());
    while (!accepted.isEmpty() && !accepted.peekFirst().plus(limit.window()).isAfter(now)) {
      accepted.removeFirst();
    }
    if (accepted.size() >= limit.calls()) {
      return Optional.of(Duration.between(now, accepted.peekFirst().plus(limit.window())));
    }
    accepted.addLast(now);
    return Optional.empty();
  }
}
