package dev.firebreak.workflows.oncall;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Set;

/**
 * The part of the week a layer covers, in the schedule's time zone: from {@code from} to {@code to}
 * on each of {@code days}. When {@code to} is not after {@code from} the span runs overnight into
 * the next day ({@code 18:00–09:00}), and {@code 00:00–00:00} is the whole day.
 */
public record LayerRestriction(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

  public LayerRestriction {
    days = Set.copyOf(days);
  }

  /** Whether the local wall-clock time {@code local} falls inside this restriction. */
  public boolean covers(LocalDateTime local) {
    LocalTime time = local.toLocalTime();
    DayOfWeek day = local.getDayOfWeek();
    if (from.isBefore(to)) {
      return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
    }
    // Overnight (or whole-day) spans start on a listed day and spill into the following morning.
    return (days.contains(day) && !time.isBefore(from))
        || (days.contains(day.minus(1)) && time.isBefore(to));
  }
}
