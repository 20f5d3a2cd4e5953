package dev.firebreak.activities.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Spaces posts to one channel about a second apart, as Slack's chat.postMessage tier asks, across
 * every activity of one worker (they share the one instance their client was built with). A post
 * whose turn is further off than {@code maxWait} is not held: the caller gives the activity back to
 * Temporal to retry then, instead of sleeping through its start-to-close timeout.
 */
public final class ChannelPacer {

  /** Slack: "1 message per second per channel, short bursts allowed". */
  public static final Duration SLACK_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

  /** Slots older than this many channels are dropped, so a long-lived worker keeps a small map. */
  private static final int PRUNE_ABOVE = 1000;

  /**
   * @param admitted false when the channel's next slot is further off than the pacer may wait
   * @param delay how long to wait before posting; when not admitted, how long until a slot is free
   */
  public record Turn(boolean admitted, Duration delay) {}

  private final Duration interval;
  private final Duration maxWait;
  private final Clock clock;
  private final Map<String, Instant> nextSlotByChannel = new HashMap<>();

  public ChannelPacer(Duration interval, Duration maxWait, Clock clock) {
    this.interval = interval;
    this.maxWait = maxWait;
    this.clock = clock;
  }

  public static ChannelPacer slackDefault() {
    return new ChannelPacer(SLACK_INTERVAL, DEFAULT_MAX_WAIT, Clock.systemUTC());
  }

  /** Takes the channel's next free slot when it is within {@code maxWait}. */
  public synchronized Turn reserve(String channel) {
    Instant now = clock.instant();
    if (nextSlotByChannel.size() > PRUNE_ABOVE) {
      nextSlotByChannel.values().removeIf(slot -> slot.isBefore(now));
    }
    Instant free = nextSlotByChannel.getOrDefault(channel, now);
    Instant slot = free.isAfter(now) ? free : now;
    Duration wait = Duration.between(now, slot);
    if (wait.compareTo(maxWait) > 0) {
      return new Turn(false, wait);
    }
    nextSlotByChannel.put(channel, slot.plus(interval));
    return new Turn(true, wait);
  }
}
