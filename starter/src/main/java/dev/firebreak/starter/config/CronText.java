package dev.firebreak.starter.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the five-field cron expressions both schedulers accept (Temporal Schedules and the dev
 * server's cron workflows), so a typo is reported by {@code config check} rather than at start.
 */
public final class CronText {

  private record Field(String name, int min, int max, Set<String> names) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("minute", 0, 59, Set.of()),
          new Field("hour", 0, 23, Set.of()),
          new Field("day of month", 1, 31, Set.of()),
          new Field(
              "month",
              1,
              12,
              Set.of(
                  "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                  "DEC")),
          new Field("day of week", 0, 7, Set.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")));

  private CronText() {}

  /** What is wrong with the expression, or empty when it is a valid one. */
  public static Optional<String> problem(String expression) {
    String[] parts = expression.trim().split("\\s+");
    if (parts.length != FIELDS.size()) {
      return Optional.of(
          "must be a cron expression of 5 fields (minute hour day-of-month month day-of-week) such as "
              + "'0 2 * * *', not '"
              + expression
              + "'");
    }
    for (int i = 0; i < parts.length; i++) {
      for (String item : parts[i].split(",", -1)) {
        if (!validItem(item, FIELDS.get(i))) {
          return Optional.of(
              "'"
                  + item
                  + "' is not a valid "
                  + FIELDS.get(i).name()
                  + " in '"
                  + expression
                  + "' ("
                  + FIELDS.get(i).min()
                  + "-"
                  + FIELDS.get(i).max()
                  + ", *, ranges a-b, steps /n and lists a,b)");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean validItem(String item, Field field) {
    String[] stepped = item.split("/", -1);
    if (stepped.length > 2 || (stepped.length == 2 && !positive(stepped[1]))) {
      return false;
    }
    String range = stepped[0];
    if (range.equals("*")) {
      return true;
    }
    String[] bounds = range.split("-", -1);
    if (bounds.length > 2) {
      return false;
    }
    for (String bound : bounds) {
      if (!inField(bound, field)) {
        return false;
      }
    }
    return true;
  }

  private static boolean inField(String value, Field field) {
    if (field.names().contains(value.toUpperCase(java.util.Locale.ROOT))) {
      return true;
    }
    if (!value.matches("\\d{1,2}")) {
      return false;
    }
    int n = Integer.parseInt(value);
    return n >= field.min() && n <= field.max();
  }

  private static boolean positive(String step) {
    return step.matches("\\d{1,2}") && Integer.parseInt(step) > 0;
  }
}
