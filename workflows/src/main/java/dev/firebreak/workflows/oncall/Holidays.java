package dev.firebreak.workflows.oncall;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;

/** The days an organisation does not work, as dates in the business-hours time zone. */
public record Holidays(Set<LocalDate> dates) {

  public Holidays {
    dates = dates == null ? Set.of() : Set.copyOf(dates);
  }

  public static Holidays none() {
    return new Holidays(Set.of());
  }

  /** The holidays from {@code first} to {@code last}, both included. */
  public Holidays between(LocalDate first, LocalDate last) {
    return new Holidays(
        dates.stream()
            .filter(d -> !d.isBefore(first) && !d.isAfter(last))
            .collect(Collectors.toSet()));
  }

  public boolean contains(LocalDate date) {
    return dates.contains(date);
  }
}
