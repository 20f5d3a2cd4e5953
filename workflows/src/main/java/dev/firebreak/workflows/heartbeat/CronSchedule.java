package dev.firebreak.workflows.heartbeat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A 5-field cron expression (minute hour day-of-month month day-of-week) and the next time it fires
 * after an instant, in a time zone. Pure Java: workflows and the API compute the same times. As in
 * Vixie cron, when both day fields are restricted a day matches either. A local time that a DST
 * change skips moves forward by the gap's length (as {@code java.time} resolves it); a repeated one
 * fires once, at the earlier offset.
 */
public final class CronSchedule {

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("JAN", 1),
          Map.entry("FEB", 2),
          Map.entry("MAR", 3),
          Map.entry("APR", 4),
          Map.entry("MAY", 5),
          Map.entry("JUN", 6),
          Map.entry("JUL", 7),
          Map.entry("AUG", 8),
          Map.entry("SEP", 9),
          Map.entry("OCT", 10),
          Map.entry("NOV", 11),
          Map.entry("DEC", 12));
  private static final Map<String, Integer> DAYS =
      Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);

  /** Eight years of days: enough for any expression that fires at all (Feb 29 on a weekday). */
  private static final int MAX_DAYS = 366 * 8;

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;
  private final ZoneId zone;

  private CronSchedule(String expression, ZoneId zone) {
    String[] fields = expression.trim().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("not a 5-field cron expression: " + expression);
    }
    this.minutes = parse(fields[0], 0, 59, Map.of());
    this.hours = parse(fields[1], 0, 23, Map.of());
    this.daysOfMonth = parse(fields[2], 1, 31, Map.of());
    this.months = parse(fields[3], 1, 12, MONTHS);
    BitSet dow = parse(fields[4], 0, 7, DAYS);
    if (dow.get(7)) {
      dow.set(0);
    }
    this.daysOfWeek = dow;
    this.anyDayOfMonth = fields[2].startsWith("*");
    this.anyDayOfWeek = fields[4].startsWith("*");
    this.zone = zone;
  }

  public static CronSchedule of(String expression, String timeZone) {
    return new CronSchedule(expression, ZoneId.of(timeZone));
  }

  /** The first instant strictly after {@code after} at which the expression fires. */
  public Instant nextAfter(Instant after) {
    LocalDateTime t =
        LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDateTime end = t.plusDays(MAX_DAYS);
    while (t.isBefore(end)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        Instant fire = t.atZone(zone).toInstant();
        if (fire.isAfter(after)) {
          return fire;
        }
        // A repeated local hour (DST ends) maps back before 'after': that hour fired already.
        t = t.plusMinutes(1);
      }
    }
    throw new IllegalArgumentException("the cron expression never fires");
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow =
        daysOfWeek.get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
    if (anyDayOfMonth || anyDayOfWeek) {
      return (anyDayOfMonth || dom) && (anyDayOfWeek || dow);
    }
    return dom || dow;
  }

  private static BitSet parse(String field, int min, int max, Map<String, Integer> names) {
    BitSet bits = new BitSet(max + 1);
    for (String item : field.split(",")) {
      String[] stepped = item.split("/");
      int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
      int from;
      int to;
      if (stepped[0].equals("*")) {
        from = min;
        to = max;
      } else {
        String[] bounds = stepped[0].split("-");
        from = value(bounds[0], names);
        to = bounds.length == 2 ? value(bounds[1], names) : stepped.length == 2 ? max : from;
      }
      if (from < min || to > max || from > to || step < 1) {
        throw new IllegalArgumentException("'" + item + "' is out of range " + min + "-" + max);
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int value(String text, Map<String, Integer> names) {
    Integer named = names.get(text.toUpperCase(Locale.ROOT));
    return named != null ? named : Integer.parseInt(text);
  }
}
