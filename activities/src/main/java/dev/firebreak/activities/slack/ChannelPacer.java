package dev.firebreak.activities.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Spaces posts to one channel about a second apart, as Slack's chat.postMessage tier asks, across
 * every activity of one worker (they share the one instance their client was built with). Slack
 * allows short bursts, and a new incident room gets its page and its incident message at the same
 * moment, so a quiet channel takes {@code burst} posts at once before spacing starts; without that
 * the incident message waited a full second behind its own page.
 *
 * <p>A post whose turn is further off than {@code maxWait} is not held: the caller gives the
 * activity back to Temporal to retry then, instead of sleeping through its start-to-close timeout.
 * The turn stays booked under the message's key, so the retry posts at the time it was told and a
 * busy channel is a queue: before turns were booked, every waiting post retried as soon as the
 * channel looked free, nearly all of them were turned away again, and a storm of 300 announcements
 * cost 15 futile activity attempts a second, each of them searching the channel's history first.
 */
public final class ChannelPacer {

  /** Slack: "1 message per second per channel, short bursts allowed". */
  public static final Duration SLACK_INTERVAL = Duration.ofSeconds(1);

  public static final int SLACK_BURST = 3;
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

  /**
   * Lapsed slots and bookings are dropped once a map holds more than this, so a long-lived worker
   * keeps small maps.
   */
  private static final int PRUNE_ABOVE = 1000;

  /**
   * A booked turn nobody came back for (the retry went to another worker, the incident closed)
   * lapses.
   */
  private static final Duration UNCLAIMED = Duration.ofMinutes(1);

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

  /** When each held-back message may go, by message key. */
  private final Map<String, Instant> bookedByKey = new HashMap<>();

  private int pruneSlotsAbove = PRUNE_ABOVE;
  private int pruneBookingsAbove = PRUNE_ABOVE;

  /**
   * @param burst posts a quiet channel takes at once; 1 spaces every post
   */
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

  /**
   * The message's turn in the channel: the one booked for it when an earlier attempt was held back,
   * otherwise the channel's next free slot, which is booked for it when it is further off than
   * {@code maxWait}.
   *
   * @param key what makes the message unique ({@link SlackMessage#key()})
   */
  public synchronized Turn reserve(String channel, String key) {
    Instant now = clock.instant();
    prune(now);
    Instant booked = bookedByKey.remove(key);
    Instant postAt = booked != null ? booked : takeSlot(channel, now);
    Duration wait = postAt.isAfter(now) ? Duration.between(now, postAt) : Duration.ZERO;
    if (wait.compareTo(maxWait) > 0) {
      bookedByKey.put(key, postAt);
      return new Turn(false, wait);
    }
    return new Turn(true, wait);
  }

  /**
   * True when an attempt to post this message was held back here and nothing has been sent for it
   * since: that attempt either was the first or searched for an earlier post before it was held
   * back, so its retry need not search again.
   */
  public synchronized boolean isHeldBack(String key) {
    return bookedByKey.containsKey(key);
  }

  /** When a post may go, booking the channel's slot for it. */
  private Instant takeSlot(String channel, Instant now) {
    Instant free = nextSlotByChannel.getOrDefault(channel, now);
    Instant slot = free.isAfter(now) ? free : now;
    nextSlotByChannel.put(channel, slot.plus(interval));
    // The channel's schedule runs ahead of now by one interval per post not yet "paid for"; a post
    // waits only for the part of that lead beyond the burst allowance.
    Instant postAt = slot.minus(burstAllowance);
    return postAt.isAfter(now) ? postAt : now;
  }

  private void prune(Instant now) {
    pruneSlotsAbove = prune(nextSlotByChannel, pruneSlotsAbove, slot -> slot.isBefore(now));
    pruneBookingsAbove =
        prune(bookedByKey, pruneBookingsAbove, postAt -> postAt.plus(UNCLAIMED).isBefore(now));
  }

  /**
   * Drops the lapsed entries once the map holds more than {@code above}, and says when to look
   * again: at twice what is left. A fixed threshold rescanned every live entry at every post once
   * more than that many were live, as when a storm's announcements are booked minutes ahead in the
   * shared channel (1.7 % of a benchmarked worker's CPU went to those scans).
   */
  private static int prune(Map<String, Instant> entries, int above, Predicate<Instant> lapsed) {
    if (entries.size() <= above) {
      return above;
    }
    entries.values().removeIf(lapsed);
    return Math.max(PRUNE_ABOVE, 2 * entries.size());
  }

  /** How many channels have a slot on record; what a long-lived worker keeps. */
  synchronized int channelsTracked() {
    return nextSlotByChannel.size();
  }
}
