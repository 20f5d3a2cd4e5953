package dev.firebreak.workflows.common;

import java.time.Duration;

/**
 * Durations as on-call people say them ("1h 05m", "4m 12s", "20s"), for every text a person reads:
 * chat messages, timelines, prompts and reports. Never Java's ISO form ({@code PT20S}), and at most
 * two units: a person reads "1d 02h", not the seconds.
 */
public final class HumanDuration {

  private HumanDuration() {}

  /** "2d", "1d 02h", "1h", "1h 05m", "30m", "4m 12s", "12s"; "n/a" for no duration. */
  public static String of(Duration duration) {
    if (duration == null) {
      return "n/a";
    }
    // Rounded, not cut: an ack 3m 59.98s after declaring (a timer firing a few ms early) reads
    // "4m".
    long seconds = Math.max(0, (duration.toMillis() + 500) / 1000);
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    if (days > 0) {
      return pair(days, "d", hours, "h");
    }
    if (hours > 0) {
      return pair(hours, "h", minutes, "m");
    }
    if (minutes > 0) {
      return pair(minutes, "m", secs, "s");
    }
    return secs + "s";
  }

  /**
   * A configured limit, exactly: "500ms" when it has milliseconds (an API time limit in a test),
   * otherwise as {@link #of}. A limit is never rounded, or "0.5 s" would read "1s".
   */
  public static String exact(Duration limit) {
    if (limit != null && limit.toMillis() % 1000 != 0) {
      return limit.toMillis() + "ms";
    }
    return of(limit);
  }

  /** "HH:MM:SS" as a report template's time columns ask, hours not folded into days. */
  public static String clock(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    return String.format("%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
  }

  /** The smaller unit only when it says something: "1h", not "1h 00m"; "1h 05m" keeps its zero. */
  private static String pair(long big, String bigUnit, long small, String smallUnit) {
    return small == 0
        ? big + bigUnit
        : String.format("%d%s %02d%s", big, bigUnit, small, smallUnit);
  }
}
