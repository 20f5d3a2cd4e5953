package dev.firebreak.activities.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Spaces posts to one channel about a second apart, as Slack's chat.postMessage tier asks, across
 * every activity of one worker (they share the one instance their client was built with). Slack
 * allows short bursts, and a new incident room gets its page and its incident message at the same
 * moment, so a quiet channel takes {@code burst} posts at once before spacing starts; without that
 * the incident message waited a full second behind its own page. A post whose turn is further off
 * than {@code maxWait} is not held: the caller gives the activity back to Temporal to retry then,
 * instead of sleeping through its start-to-close timeout.
 */
public final class ChannelPacer {

  /** Slack: "1 message per second per channel, short bursts allowed". */
  public static final Duration SLACK_INTERVAL = Duration.ofSeconds(1);
  public static final int SLACK_BURST = 3;
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

  /** Slots older than this many channels are dropped, so a long-lived worker keeps a small map. */
  private static final int PRUNE_ABOVE = 1000;

  /**
   * @param admitted false when the channel's next slot is further off than the pacer may wait
   * @param delay how long to wait before posting; when not admitted, how long until a slot is free
   */
  public record Turn(boolean admitted, Duration delay) {}

  private final Duration interval;
  private final Duration burstAllowance;
  private final Duration maxWait;
  private final Clock clock;
  private final Map<String, Instant> nextSlotByChannel = new HashMap<>();

  /** @param burst posts a quiet channel takes at once; 1 spaces every post */
  public ChannelPacer(Duration interval, int burst, Duration maxWait, Clock clock) {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, not " + burst);
    }
    this.interval = interval;
    this.burstAllowance = interval.multipliedBy(burst - 1L);
    this.maxWait = maxWait;
    this.clock = clock;
  }

  public static ChannelPacer slackDefault() {
    return new ChannelPacer(SLACK_INTERVAL, SLACK_BURST, DEFAULT_MAX_WAIT, Clock.systemUTC());
  }

  /** Takes the channel's next free slot when it is within {@code maxWait}. */
  public synchronized Turn reserve(String channel) {
    Instant now = clock.instant();
    if (nextSlotByChannel.size() > PRUNE_ABOVE) {
      nextSlotByChannel.values().removeIf(slot -> slot.isBefore(now));
    }
    // The channel's schedule runs ahead of now by one interval per post not yet "paid for"; a post
    // waits only for the part of that lead beyond the burst allowance.
    Instant free = nextSlotByChannel.getOrDefault(channel, now);
    Instant slot = free.isAfter(now) ? free : now;
    Duration lead = Duration.between(now, slot).minus(burstAllowance);
    Duration wait = lead.isNegative() ? Duration.ZERO : lead;
    if (wait.compareTo(maxWait) > 0) {
      return new Turn(false, wait);
    }
    nextSlotByChannel.put(channel, slot.plus(interval));
    return new Turn(true, wait);
  }
}
