package dev.firebreak.starter.simulation;

import dev.firebreak.starter.config.DurationText;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.incidents.DeclarationRules;
import dev.firebreak.starter.incidents.RequestedSeverity;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.incident.Severity;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Reads a simulation request as a person writes it, the same for the CLI and the API: a severity, a
 * configured service, a time with its zone ({@code 2026-12-25T03:00 Europe/London}, or ISO-8601
 * with an offset) within a year of now, and an optional acknowledgement delay of at most a day.
 * Malformed text is a 400; well-formed text the config or the bounds refuse is a 422.
 */
public final class SimulationRequests {

  /** How far from now a simulated declaration may be: schedules are written for about a year. */
  public static final Duration MAX_DISTANCE = Duration.ofDays(366);

  /** The longest acknowledgement delay, the length of the simulated incident. */
  public static final Duration MAX_ACK_AFTER = PagingSimulator.HORIZON;

  private static final String AT_EXAMPLE = "2026-12-25T03:00 Europe/London";

  private final FirebreakConfig config;
  private final Clock clock;

  public SimulationRequests(FirebreakConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * @param ackAfter null or blank when nobody acknowledges
   * @throws Refusal with the sentence that says what to change
   */
  public SimulationRequest read(String severity, String service, String at, String ackAfter) {
    if (severity == null || severity.isBlank()) {
      throw Refusal.badRequest("'severity' is required, for example P1.");
    }
    Severity parsed = RequestedSeverity.parse("'severity'", severity);
    if (service == null || service.isBlank()) {
      throw Refusal.badRequest("'service' is required: one of " + known() + ".");
    }
    if (config.service(service.strip()).isEmpty()) {
      throw new Refusal(
          422,
          "unknown_service",
          "No service named '" + service + "' in the config; known: " + known() + ".");
    }
    return new SimulationRequest(parsed, service.strip(), at(at), ackAfter(ackAfter));
  }

  private String known() {
    return DeclarationRules.knownServices(config);
  }

  private ZonedDateTime at(String text) {
    if (text == null || text.isBlank()) {
      throw Refusal.badRequest("'at' is required, as a time and its zone like " + AT_EXAMPLE + ".");
    }
    ZonedDateTime at = parseAt(text.strip());
    Instant now = clock.instant();
    if (at.toInstant().isBefore(now.minus(MAX_DISTANCE))
        || at.toInstant().isAfter(now.plus(MAX_DISTANCE))) {
      throw new Refusal(
          422,
          "out_of_range",
          "'at' is " + at.toInstant() + ": a simulation starts within a year of now.");
    }
    return at;
  }

  private static ZonedDateTime parseAt(String text) {
    int space = text.lastIndexOf(' ');
    try {
      if (space > 0) {
        return ZonedDateTime.of(
            LocalDateTime.parse(text.substring(0, space).strip()),
            ZoneId.of(text.substring(space + 1)));
      }
      return ZonedDateTime.parse(text);
    } catch (DateTimeException e) {
      throw Refusal.badRequest(
          "'at' is '"
              + text
              + "': write a local time and its zone like "
              + AT_EXAMPLE
              + ", or ISO-8601 with an offset like 2026-12-25T03:00:00Z.");
    }
  }

  private static Duration ackAfter(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Duration ackAfter =
        DurationText.parse(text)
            .orElseThrow(
                () ->
                    Refusal.badRequest(
                        "'ackAfter' is '" + text + "', not a duration like 20m, 1h or PT20M."));
    if (ackAfter.compareTo(Duration.ofMinutes(1)) < 0 || ackAfter.compareTo(MAX_ACK_AFTER) > 0) {
      throw new Refusal(
          422,
          "out_of_range",
          "'ackAfter' is "
              + HumanDuration.of(ackAfter)
              + ": it must be between 1m and "
              + HumanDuration.of(MAX_ACK_AFTER)
              + ".");
    }
    return ackAfter;
  }
}
