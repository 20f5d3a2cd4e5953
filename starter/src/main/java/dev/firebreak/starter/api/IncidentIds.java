package dev.firebreak.starter.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Hands out short, human incident ids, {@code INC-<yyyymmdd>-<n>} by UTC date. The counter lives in
 * memory, so another API replica (or this one after a restart) may hand out an id already in use:
 * the caller asks for the next one when Temporal refuses the workflow id as a duplicate. Maintenance
 * windows get theirs the same way, {@code MW-<yyyymmdd>-<n>}.
 */
final class IncidentIds {

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final Clock clock;
  private final String prefix;
  private LocalDate day;
  private int last;

  IncidentIds(Clock clock) {
    this(clock, "INC");
  }

  IncidentIds(Clock clock, String prefix) {
    this.clock = clock;
    this.prefix = prefix;
  }

  synchronized String next() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (!today.equals(day)) {
      day = today;
      last = 0;
    }
    last++;
    return prefix + "-" + DAY.format(day) + "-" + last;
  }
}
