package dev.firebreak.workflows.oncall;

import java.time.LocalDate;
import java.util.Set;

/** The days an organisation does not work, as dates in the business-hours time zone. */
public record Holidays(Set<LocalDate> dates) {

  public Holidays {
    dates = dates == null ? Set.of() : Set.copyOf(dates);
  }

  public static Holidays none() {
    return new Holidays(Set.of());
  }

  public boolean contains(LocalDate date) {
    return dates.contains(date);
  }
}
