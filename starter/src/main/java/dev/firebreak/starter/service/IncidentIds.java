package dev.firebreak.starter.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Predicate;

/**
 * Hands out short, human incident ids, {@code INC-<yyyymmdd>-<n>} by UTC date. The counter lives in
 * memory, so another API replica (or this one after a restart) may hand out an id already in use:
 * the caller asks for the next one when Temporal refuses the workflow id as a duplicate, after
 * {@link #skipTaken} has moved the counter past the ids in use. Maintenance windows get theirs the
 * same way, {@code MW-<yyyymmdd>-<n>}. Numbers an earlier run issued (see {@link IssuedIds}) are
 * never handed out again.
 */
public final class IncidentIds {

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final Clock clock;
  private final String prefix;
  private final IssuedIds issued;
  private LocalDate day;
  private int last;

  public IncidentIds(Clock clock) {
    this(clock, "INC", IssuedIds.NONE);
  }

  public IncidentIds(Clock clock, String prefix) {
    this(clock, prefix, IssuedIds.NONE);
  }

  public IncidentIds(Clock clock, String prefix, IssuedIds issued) {
    this.clock = clock;
    this.prefix = prefix;
    this.issued = issued;
  }

  public synchronized String next() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (!today.equals(day)) {
      day = today;
      last = issued.highest(dayPrefix());
    }
    last++;
    issued.issued(dayPrefix(), last);
    return id(last);
  }

  /**
   * Moves the counter to the first free id after {@code refused}, which was just found in use.
   * After a restart the counter starts again at 1 while a busy day (an alert storm) may have used a
   * thousand ids, and trying them one start at a time ran out of attempts: the caller got a 503.
   * Ids are used from 1 upwards, so this gallops forward (1, 2, 4, 8 ... past {@code refused}) to a
   * free id and halves back to the first free one: about 2·log2(n) lookups, none of which starts
   * anything. Another thread that has already moved past {@code refused} wins; nothing moves back.
   *
   * @param taken whether an id is in use (its workflow exists, running or closed)
   */
  public synchronized void skipTaken(String refused, Predicate<String> taken) {
    if (day == null || !refused.startsWith(dayPrefix())) {
      return; // refused under yesterday's date; the next id starts a new day anyway
    }
    int refusedNumber = Integer.parseInt(refused.substring(dayPrefix().length()));
    if (last > refusedNumber) {
      return;
    }
    int inUse = refusedNumber;
    int free = refusedNumber + 1;
    for (int step = 2; taken.test(id(free)); step *= 2) {
      inUse = free;
      free = refusedNumber + step;
    }
    while (free - inUse > 1) {
      int middle = (inUse + free) >>> 1;
      if (taken.test(id(middle))) {
        inUse = middle;
      } else {
        free = middle;
      }
    }
    last = free - 1;
    issued.issued(dayPrefix(), last);
  }

  private String id(int number) {
    return dayPrefix() + number;
  }

  private String dayPrefix() {
    return prefix + "-" + DAY.format(day) + "-";
  }
}
