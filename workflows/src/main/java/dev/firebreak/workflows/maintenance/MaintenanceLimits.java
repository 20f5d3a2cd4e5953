package dev.firebreak.workflows.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The outer bounds of a window's times, whatever the config allows. The API refuses windows beyond
 * the config's (tighter) horizon and length; a window workflow checks these again when it starts,
 * so a window that got past a caller without the checks fails once with the reason instead of
 * failing its workflow task every few seconds on a timer too long to compute.
 */
public final class MaintenanceLimits {

  /** The furthest ahead a window may start. */
  public static final Duration MAX_HORIZON = Duration.ofDays(3650);

  /** The longest a window may last, extensions included. */
  public static final Duration MAX_LENGTH = Duration.ofDays(90);

  /** A longer wait is a window beyond the limits; a timer this long still computes. */
  static final Duration MAX_WAIT = MAX_HORIZON.plus(MAX_LENGTH);

  private MaintenanceLimits() {}

  /** Why a window with these times cannot run; empty when it can. */
  public static Optional<String> problem(Instant start, Instant end, Instant now) {
    if (start == null || end == null) {
      return Optional.of("a window needs a start and an end");
    }
    if (!end.isAfter(start)) {
      return Optional.of("its end " + end + " is not after its start " + start);
    }
    if (Duration.between(now, start).compareTo(MAX_HORIZON) > 0) {
      return Optional.of(
          "its start " + start + " is more than " + MAX_HORIZON.toDays() + " days ahead");
    }
    if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
      return Optional.of(
          "it lasts from " + start + " to " + end + ", more than " + MAX_LENGTH.toDays() + " days");
    }
    return Optional.empty();
  }

  /** The wait, at most {@link #MAX_WAIT}: however the times came about, a timer never overflows. */
  static Duration bounded(Duration wait) {
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }
}
