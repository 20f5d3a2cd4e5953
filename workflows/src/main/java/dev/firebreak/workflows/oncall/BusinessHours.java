package dev.firebreak.workflows.oncall;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * When people work: {@code from} to {@code to} on {@code days} in {@code timeZone}, except on
 * holidays. Pure, so a workflow can defer a page to the next business-hours instant.
 */
public record BusinessHours(
    Set<DayOfWeek> days, LocalTime from, LocalTime to, String timeZone, Holidays holidays) {

  // Two years of holidays in a row is a broken calendar, not a long weekend.
  private static final int MAX_DAYS_AHEAD = 732;

  public BusinessHours {
    days = Set.copyOf(days);
    holidays = holidays == null ? Holidays.none() : holidays;
    if (days.isEmpty() || !from.isBefore(to)) {
      throw new IllegalArgumentException("business hours need days and a from before to");
    }
  }

  /**
   * {@code t} itself when it falls inside business hours, otherwise the start of the next business
   * day (a weekday in {@code days} that is not a holiday): a P3 at 03:00 on Saturday gives 09:00 on
   * Monday, or Tuesday when Monday is a holiday.
   */
  public Instant nextBusinessInstant(Instant t) {
    ZoneId zone = ZoneId.of(timeZone);
    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
    LocalDate day = local.toLocalDate();
    if (isBusinessDay(day)
        && !local.toLocalTime().isBefore(from)
        && local.toLocalTime().isBefore(to)) {
      return t;
    }
    if (!local.toLocalTime().isBefore(from)) {
      day = day.plusDays(1);
    }
    for (int i = 0; i < MAX_DAYS_AHEAD; i++, day = day.plusDays(1)) {
      if (isBusinessDay(day)) {
        Instant start = ZonedDateTime.of(day, from, zone).toInstant();
        return start.isBefore(t) ? t : start;
      }
    }
    throw new IllegalStateException("no business day in the next two years");
  }

  /**
   * The same hours with only the holidays a deferral starting on {@code first} can meet: a yearly
   * holiday from an iCalendar file expands to a century of dates, and every incident carries its
   * policy in its payload.
   */
  public BusinessHours withHolidaysFrom(LocalDate first) {
    LocalDate last = first.plusDays(MAX_DAYS_AHEAD + 1L);
    return new BusinessHours(days, from, to, timeZone, holidays.between(first.minusDays(1), last));
  }

  public boolean isBusinessDay(LocalDate day) {
    return days.contains(day.getDayOfWeek()) && !holidays.contains(day);
  }
}
