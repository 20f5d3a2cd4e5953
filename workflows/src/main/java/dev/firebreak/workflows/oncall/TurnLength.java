package dev.firebreak.workflows.oncall;

import dev.firebreak.workflows.common.HumanDuration;
import java.time.Duration;

/**
 * How long one participant's turn lasts. Daily and weekly turns count calendar days in the
 * schedule's time zone, so a 09:00 handoff stays at 09:00 across a DST change (that turn is an hour
 * shorter or longer); any other length is a fixed span of elapsed time.
 *
 * @param days calendar days per turn, or 0 when {@code fixed} is used
 * @param fixed elapsed time per turn, or null when {@code days} is used
 */
public record TurnLength(int days, Duration fixed) {

  public TurnLength {
    if ((days > 0) == (fixed != null)) {
      throw new IllegalArgumentException("a turn is either whole days or a fixed duration");
    }
    if (fixed != null && (fixed.isNegative() || fixed.isZero())) {
      throw new IllegalArgumentException("a turn must last longer than zero");
    }
  }

  public static TurnLength daily() {
    return new TurnLength(1, null);
  }

  public static TurnLength weekly() {
    return new TurnLength(7, null);
  }

  public static TurnLength of(Duration fixed) {
    return new TurnLength(0, fixed);
  }

  /** "weekly", "daily", "3 days" or "12h", for the {@code source} text. */
  public String label() {
    if (days == 7) {
      return "weekly";
    }
    if (days == 1) {
      return "daily";
    }
    return days > 0 ? days + " days" : HumanDuration.of(fixed);
  }
}
