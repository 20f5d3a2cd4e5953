package dev.firebreak.starter.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;

/**
 * The holidays in an iCalendar file: the dates of its all-day events, yearly rules expanded. Timed
 * events are meetings, not days off, so they are skipped.
 */
final class ICalHolidays {

  // Wide enough for any schedule anyone will read, narrow enough that a daily rule stays small.
  private static final LocalDate FIRST = LocalDate.of(2000, 1, 1);
  private static final LocalDate LAST = LocalDate.of(2100, 1, 1);

  private ICalHolidays() {}

  static Set<LocalDate> read(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      return read(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static Set<LocalDate> read(Reader reader) throws IOException {
    net.fortuna.ical4j.model.Calendar calendar;
    try {
      calendar = new CalendarBuilder().build(reader);
    } catch (ParserException e) {
      throw new IllegalArgumentException("is not an iCalendar file: " + e.getMessage(), e);
    }
    Set<LocalDate> dates = new TreeSet<>();
    for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
      Optional<DtStart<Temporal>> start = event.getProperty(Property.DTSTART);
      if (start.isEmpty() || !(start.get().getDate() instanceof LocalDate)) {
        continue;
      }
      Set<Period<Temporal>> occurrences = event.calculateRecurrenceSet(new Period<>(FIRST, LAST));
      for (Period<Temporal> occurrence : occurrences) {
        dates.add(LocalDate.from(occurrence.getStart()));
      }
    }
    return dates;
  }
}
