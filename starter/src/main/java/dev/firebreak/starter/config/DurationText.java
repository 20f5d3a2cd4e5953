package dev.firebreak.starter.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in the runbook ({@code 30s}, {@code 15m}, {@code 1h}, {@code 2d})
 * or ISO-8601 ({@code PT15M}).
 */
public final class DurationText {

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

  private DurationText() {}

  /** The positive duration the text denotes, or empty when it is not one. */
  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    Matcher m = SHORT.matcher(trimmed);
    Duration parsed;
    if (m.matches()) {
      try {
        long amount = Long.parseLong(m.group(1));
        parsed =
            switch (m.group(2)) {
              case "s" -> Duration.ofSeconds(amount);
              case "m" -> Duration.ofMinutes(amount);
              case "h" -> Duration.ofHours(amount);
              default -> Duration.ofDays(amount);
            };
      } catch (NumberFormatException | ArithmeticException tooLarge) {
        // More digits than a duration holds is a typo, not a duration; the check says so at its
        // field.
        return Optional.empty();
      }
    } else {
      try {
        parsed = Duration.parse(trimmed);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return parsed.isNegative() || parsed.isZero() ? Optional.empty() : Optional.of(parsed);
  }

  static Duration require(String text) {
    return parse(text)
        .orElseThrow(() -> new IllegalStateException("not a validated duration: " + text));
  }
}
