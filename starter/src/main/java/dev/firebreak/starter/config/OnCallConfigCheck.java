package dev.firebreak.starter.config;

import dev.firebreak.workflows.incident.Severity;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Checks the {@code oncall} section: schedules, layers, participants, holidays, business hours. */
final class OnCallConfigCheck {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  // A turn shorter than an hour hands the pager round faster than anyone can pick it up.
  private static final Duration MIN_TURN = Duration.ofHours(1);

  private OnCallConfigCheck() {}

  static void check(FirebreakConfig config, BiConsumer<String, String> report) {
    OnCallConfig oncall = config.oncall();
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < oncall.schedules().size(); i++) {
      OnCallConfig.Schedule schedule = oncall.schedules().get(i);
      String path = "oncall.schedules[" + i + "]";
      if (schedule == null) {
        continue;
      }
      if (ConfigValidator.blank(schedule.name())) {
        report.accept(path + ".name", "is required");
      } else if (!ConfigValidator.SERVICE_NAME.matcher(schedule.name()).matches()) {
        report.accept(
            path + ".name", "must be lower-case letters, digits and dashes, like primary");
      } else {
        ConfigValidator.noteDuplicate(
            names, schedule.name(), i, "oncall.schedules", "schedule name", path + ".name", report);
      }
      checkZone(path + ".timeZone", schedule.timeZone(), report);
      for (int s = 0; s < schedule.services().size(); s++) {
        String service = schedule.services().get(s);
        if (service == null || config.service(service).isEmpty()) {
          report.accept(
              path + ".services[" + s + "]", "no service named '" + service + "' in services");
        }
      }
      if (schedule.layers().isEmpty()) {
        report.accept(path + ".layers", "must list at least one rotation layer");
      }
      for (int l = 0; l < schedule.layers().size(); l++) {
        OnCallConfig.Layer layer = schedule.layers().get(l);
        if (layer != null) {
          checkLayer(path + ".layers[" + l + "]", layer, report);
        }
      }
    }
    checkHolidays(oncall.holidays(), report);
    checkBusinessHoursOnly(config, report);
    OnCallConfig.BusinessHoursConfig hours = oncall.businessHours();
    if (hours != null) {
      String path = "oncall.businessHours";
      checkDays(path + ".days", hours.days(), report);
      LocalTime from = time(path + ".from", hours.from(), report);
      LocalTime to = time(path + ".to", hours.to(), report);
      if (from != null && to != null && !from.isBefore(to)) {
        report.accept(path + ".to", "must be after from (" + hours.from() + ")");
      }
      checkZone(path + ".timeZone", hours.timeZone(), report);
    }
  }

  /** A business-hours-only severity needs hours to wait for and a page to defer. */
  private static void checkBusinessHoursOnly(
      FirebreakConfig config, BiConsumer<String, String> report) {
    config
        .severities()
        .forEach(
            (name, declared) -> {
              Severity severity =
                  Arrays.stream(Severity.values())
                      .filter(s -> s.name().equals(name))
                      .findFirst()
                      .orElse(null);
              // An unknown severity is reported by the severities check.
              if (severity == null
                  || declared == null
                  || !Boolean.TRUE.equals(declared.businessHoursOnly())) {
                return;
              }
              String path = "severities." + name + ".businessHoursOnly";
              if (config.oncall().businessHours() == null) {
                report.accept(path, "needs oncall.businessHours (the hours its pages wait for)");
              }
              if (!Boolean.TRUE.equals(config.severity(severity).page())) {
                report.accept(
                    path,
                    name + " does not page, so there is no page to defer: set page: true as well");
              }
            });
  }

  private static void checkLayer(
      String path, OnCallConfig.Layer layer, BiConsumer<String, String> report) {
    if (ConfigValidator.blank(layer.name())) {
      report.accept(path + ".name", "is required");
    }
    if (layer.turn() == null) {
      report.accept(path + ".turn", "is required: daily, weekly or a duration such as 12h");
    } else if (OnCallSpecs.turn(layer.turn())
        .map(t -> t.fixed() != null && t.fixed().compareTo(MIN_TURN) < 0)
        .orElse(true)) {
      report.accept(
          path + ".turn",
          "must be daily, weekly or a duration of at least 1h, not '" + layer.turn() + "'");
    }
    if (layer.start() == null) {
      report.accept(path + ".start", "is required: the date of the first turn, like 2026-01-05");
    } else {
      try {
        LocalDate.parse(layer.start());
      } catch (DateTimeException e) {
        report.accept(
            path + ".start", "must be a date like 2026-01-05, not '" + layer.start() + "'");
      }
    }
    time(path + ".handoff", layer.handoff(), report);
    if (layer.participants().isEmpty()) {
      report.accept(path + ".participants", "must list at least one person");
    }
    for (int p = 0; p < layer.participants().size(); p++) {
      OnCallConfig.Participant participant = layer.participants().get(p);
      String at = path + ".participants[" + p + "]";
      if (participant == null) {
        report.accept(at, "must be a person with a name");
        continue;
      }
      if (ConfigValidator.blank(participant.name())) {
        report.accept(at + ".name", "is required");
      }
      if (participant.phone() != null && !E164.matcher(participant.phone()).matches()) {
        report.accept(
            at + ".phone", "must be E.164 like +447700900123, not '" + participant.phone() + "'");
      }
    }
    for (int r = 0; r < layer.restrictions().size(); r++) {
      OnCallConfig.Restriction restriction = layer.restrictions().get(r);
      String at = path + ".restrictions[" + r + "]";
      if (restriction == null) {
        continue;
      }
      if (restriction.days().isEmpty()) {
        report.accept(at + ".days", "must list at least one day (mon … sun)");
      }
      checkDays(at + ".days", restriction.days(), report);
      if (restriction.from() == null || restriction.to() == null) {
        report.accept(at, "needs from and to, like 09:00 and 17:00");
      } else {
        time(at + ".from", restriction.from(), report);
        time(at + ".to", restriction.to(), report);
      }
    }
  }

  private static void checkHolidays(
      OnCallConfig.HolidaysConfig holidays, BiConsumer<String, String> report) {
    for (int d = 0; d < holidays.dates().size(); d++) {
      String date = holidays.dates().get(d);
      try {
        LocalDate.parse(String.valueOf(date));
      } catch (DateTimeException e) {
        report.accept(
            "oncall.holidays.dates[" + d + "]",
            "must be a date like 2026-12-25, not '" + date + "'");
      }
    }
    if (holidays.ical() != null) {
      Path file = Path.of(holidays.ical());
      if (!Files.isReadable(file)) {
        report.accept("oncall.holidays.ical", "cannot read " + file.toAbsolutePath());
        return;
      }
      try {
        ICalHolidays.read(file);
      } catch (IllegalArgumentException | UncheckedIOException e) {
        report.accept("oncall.holidays.ical", e.getMessage());
      }
    }
  }

  private static void checkDays(String path, List<String> days, BiConsumer<String, String> report) {
    for (int d = 0; d < days.size(); d++) {
      String day = days.get(d);
      if (day == null || !OnCallSpecs.DAYS.containsKey(day.toLowerCase(Locale.ROOT))) {
        report.accept(
            path + "[" + d + "]", "unknown day '" + day + "' (mon, tue, wed, thu, fri, sat, sun)");
      }
    }
  }

  private static LocalTime time(String path, String text, BiConsumer<String, String> report) {
    try {
      return LocalTime.parse(String.valueOf(text));
    } catch (DateTimeException e) {
      report.accept(path, "must be a local time like 09:00, not '" + text + "'");
      return null;
    }
  }

  private static void checkZone(String path, String zone, BiConsumer<String, String> report) {
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      report.accept(
          path, "unknown time zone '" + zone + "' (use an IANA name such as UTC or Europe/London)");
    }
  }
}
