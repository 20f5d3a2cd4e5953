package dev.firebreak.starter.config;

import dev.firebreak.workflows.oncall.BusinessHours;
import dev.firebreak.workflows.oncall.Holidays;
import dev.firebreak.workflows.oncall.LayerRestriction;
import dev.firebreak.workflows.oncall.OnCallPerson;
import dev.firebreak.workflows.oncall.RotationLayer;
import dev.firebreak.workflows.oncall.ScheduleSpec;
import dev.firebreak.workflows.oncall.TurnLength;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the {@code oncall} section of a checked config into the schedules, holidays and business
 * hours the calculator and the workflows use. Call it only on a config {@link ConfigValidator}
 * passed: it throws on what the check reports.
 */
public final class OnCallSpecs {

  static final Map<String, DayOfWeek> DAYS =
      Map.of(
          "mon", DayOfWeek.MONDAY,
          "tue", DayOfWeek.TUESDAY,
          "wed", DayOfWeek.WEDNESDAY,
          "thu", DayOfWeek.THURSDAY,
          "fri", DayOfWeek.FRIDAY,
          "sat", DayOfWeek.SATURDAY,
          "sun", DayOfWeek.SUNDAY);

  private OnCallSpecs() {}

  public static List<ScheduleSpec> schedules(OnCallConfig config) {
    return config.schedules().stream().map(OnCallSpecs::schedule).toList();
  }

  public static ScheduleSpec schedule(OnCallConfig.Schedule schedule) {
    return new ScheduleSpec(
        schedule.name(),
        schedule.timeZone(),
        schedule.layers().stream().map(OnCallSpecs::layer).toList(),
        schedule.services());
  }

  /** The dates listed and those of the iCalendar file's all-day events. */
  public static Holidays holidays(OnCallConfig config) {
    Set<LocalDate> dates = new HashSet<>();
    config.holidays().dates().forEach(date -> dates.add(LocalDate.parse(date)));
    if (config.holidays().ical() != null) {
      dates.addAll(ICalHolidays.read(Path.of(config.holidays().ical())));
    }
    return new Holidays(dates);
  }

  public static Optional<BusinessHours> businessHours(OnCallConfig config) {
    OnCallConfig.BusinessHoursConfig hours = config.businessHours();
    if (hours == null) {
      return Optional.empty();
    }
    return Optional.of(
        new BusinessHours(
            days(hours.days()),
            LocalTime.parse(hours.from()),
            LocalTime.parse(hours.to()),
            hours.timeZone(),
            holidays(config)));
  }

  static RotationLayer layer(OnCallConfig.Layer layer) {
    return new RotationLayer(
        layer.name(),
        layer.participants().stream()
            .map(p -> new OnCallPerson(p.name(), p.slackUserId(), p.phone(), p.email()))
            .toList(),
        turn(layer.turn()).orElseThrow(),
        LocalDate.parse(layer.start()),
        LocalTime.parse(layer.handoff()),
        layer.restrictions().stream()
            .map(
                r ->
                    new LayerRestriction(
                        days(r.days()), LocalTime.parse(r.from()), LocalTime.parse(r.to())))
            .toList());
  }

  /** {@code daily}, {@code weekly} or a duration; empty when the text is none of them. */
  static Optional<TurnLength> turn(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "daily" -> Optional.of(TurnLength.daily());
      case "weekly" -> Optional.of(TurnLength.weekly());
      default ->
          DurationText.parse(text).filter(d -> !d.isNegative() && !d.isZero()).map(TurnLength::of);
    };
  }

  static Set<DayOfWeek> days(List<String> days) {
    return days.stream()
        .map(d -> DAYS.get(d.toLowerCase(Locale.ROOT)))
        .collect(Collectors.toUnmodifiableSet());
  }
}
