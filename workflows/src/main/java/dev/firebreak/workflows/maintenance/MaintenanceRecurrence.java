package dev.firebreak.workflows.maintenance;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a recurring window starts, from the runbooks' own words: {@code every Saturday 02:00} or
 * {@code first Sunday of the month 02:00 UTC} ({@code first}..{@code fourth}, {@code last}). A zone
 * at the end of the rule wins over the configured one. Pure: the caller passes the instant to start
 * from, so it is usable from workflow code and trivially tested.
 *
 * <p>Across a DST change the wall-clock time is kept: a time that does not exist that day (the
 * spring-forward gap) moves later by the gap, and a time that happens twice (fall back) is the
 * first.
 */
public final class MaintenanceRecurrence {

  private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth");
  private static final Pattern WEEKLY =
      Pattern.compile("every\\s+(\\w+)\\s+(\\d{1,2}:\\d{2})(?:\\s+(\\S+))?");
  private static final Pattern MONTHLY =
      Pattern.compile(
          "(first|second|third|fourth|last)\\s+(\\w+)\\s+of\\s+(?:the|each|every)\\s+month\\s+(\\d{1,2}:\\d{2})(?:\\s+(\\S+))?");

  private final String rule;
  private final DayOfWeek day;

  /** 1..4 for the n-th such day of the month, -1 for the last, 0 for every week. */
  private final int ordinal;

  private final LocalTime time;
  private final ZoneId zone;

  private MaintenanceRecurrence(
      String rule, DayOfWeek day, int ordinal, LocalTime time, ZoneId zone) {
    this.rule = rule;
    this.day = day;
    this.ordinal = ordinal;
    this.time = time;
    this.zone = zone;
  }

  /**
   * @throws IllegalArgumentException with a sentence saying what is wrong and what is understood
   */
  public static MaintenanceRecurrence parse(String rule, ZoneId configuredZone) {
    String text = rule == null ? "" : rule.trim().replaceAll("\\s+", " ");
    String lower = text.toLowerCase(Locale.ROOT);
    Matcher weekly = WEEKLY.matcher(lower);
    if (weekly.matches()) {
      return new MaintenanceRecurrence(
          text,
          day(weekly.group(1)),
          0,
          time(weekly.group(2)),
          zone(text, weekly.start(3), configuredZone));
    }
    Matcher monthly = MONTHLY.matcher(lower);
    if (monthly.matches()) {
      int ordinal = monthly.group(1).equals("last") ? -1 : ORDINALS.indexOf(monthly.group(1)) + 1;
      return new MaintenanceRecurrence(
          text,
          day(monthly.group(2)),
          ordinal,
          time(monthly.group(3)),
          zone(text, monthly.start(4), configuredZone));
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not a rule Firebreak understands; write it like "
            + "'every Saturday 02:00' or 'first Sunday of the month 02:00 UTC'");
  }

  /** The first start strictly after {@code after}. */
  public ZonedDateTime next(Instant after) {
    LocalDate from = after.atZone(zone).toLocalDate();
    if (ordinal == 0) {
      for (LocalDate date = from.with(TemporalAdjusters.previousOrSame(day));
          ;
          date = date.plusWeeks(1)) {
        ZonedDateTime start = ZonedDateTime.of(date, time, zone);
        if (start.toInstant().isAfter(after)) {
          return start;
        }
      }
    }
    for (YearMonth month = YearMonth.from(from).minusMonths(1); ; month = month.plusMonths(1)) {
      LocalDate date =
          month
              .atDay(1)
              .with(
                  ordinal < 0
                      ? TemporalAdjusters.lastInMonth(day)
                      : TemporalAdjusters.dayOfWeekInMonth(ordinal, day));
      ZonedDateTime start = ZonedDateTime.of(date, time, zone);
      if (start.toInstant().isAfter(after)) {
        return start;
      }
    }
  }

  public ZoneId zone() {
    return zone;
  }

  @Override
  public String toString() {
    return rule;
  }

  private static DayOfWeek day(String name) {
    try {
      return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a day of the week (Monday .. Sunday)");
    }
  }

  private static LocalTime time(String text) {
    String[] parts = text.split(":");
    int hour = Integer.parseInt(parts[0]);
    int minute = Integer.parseInt(parts[1]);
    if (hour > 23 || minute > 59) {
      throw new IllegalArgumentException("'" + text + "' is not a time of day (00:00 .. 23:59)");
    }
    return LocalTime.of(hour, minute);
  }

  /** The zone named at the end of the rule (in its original case), else the configured one. */
  private static ZoneId zone(String original, int start, ZoneId configured) {
    if (start < 0) {
      return configured;
    }
    String name = original.substring(start);
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a time zone (such as UTC or Europe/Berlin)");
    }
  }
}
