package dev.firebreak.starter.incidents;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.ServiceConfig;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.incident.Severity;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which incidents a list shows: {@code GET /api/v1/incidents?status=&severity=&service=} and {@code
 * ./firebreak incident list --status --severity --service}. A null field does not filter.
 *
 * @param status {@code open} (every incident whose workflow still runs, monitoring and post-mortem
 *     included), {@code CLOSED}, or one phase of {@link IncidentStatus}
 * @param severity the incident's current severity
 * @param service the service it was declared on
 */
public record IncidentFilter(String status, Severity severity, String service) {

  /** Every running incident, whatever its phase. */
  public static final String OPEN = "open";

  public static final String CLOSED = IncidentStatus.CLOSED.name();

  public static final IncidentFilter ALL = new IncidentFilter(null, null, null);
  public static final IncidentFilter RUNNING = new IncidentFilter(OPEN, null, null);

  /** Whether incidents whose workflow still runs can match. */
  public boolean wantsRunning() {
    return !CLOSED.equals(status);
  }

  /** Whether closed incidents can match. */
  public boolean wantsClosed() {
    return status == null || CLOSED.equals(status);
  }

  /** The phase a running incident must be in, or null when any will do. */
  public String phase() {
    return status == null || OPEN.equals(status) || CLOSED.equals(status) ? null : status;
  }

  /**
   * Whether a listed row matches, by the values its memo carries. A row whose details could not be
   * read is kept: it says so, and the caller can GET it (hiding it would hide an incident).
   */
  public boolean matches(IncidentSummary row) {
    if (row.unread() != null) {
      return true;
    }
    return (phase() == null || phase().equals(row.status()))
        && (severity == null || severity.name().equals(row.severity()))
        && (service == null || service.equals(row.service()));
  }

  /**
   * The filter from the API's query parameters, each optional and case-insensitive but the service;
   * an unknown value is a 400 that lists the known ones.
   */
  public static IncidentFilter parse(
      String status, String severity, String service, FirebreakConfig config) {
    return new IncidentFilter(
        blank(status) ? null : status(status),
        blank(severity) ? null : RequestedSeverity.parse("Query parameter 'severity'", severity),
        blank(service) ? null : service(service.strip(), config));
  }

  private static String status(String text) {
    String value = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    if (value.equals(OPEN.toUpperCase(Locale.ROOT))) {
      return OPEN;
    }
    return Arrays.stream(IncidentStatus.values())
        .map(Enum::name)
        .filter(value::equals)
        .findFirst()
        .orElseThrow(
            () ->
                Refusal.badRequest(
                    "Query parameter 'status' is '"
                        + text
                        + "', not one of "
                        + Stream.concat(
                                Stream.of(OPEN),
                                Arrays.stream(IncidentStatus.values())
                                    .map(s -> s.name().toLowerCase(Locale.ROOT)))
                            .collect(Collectors.joining(", "))
                        + " ('open' is every incident still running)."));
  }

  private static String service(String name, FirebreakConfig config) {
    if (config.service(name).isEmpty()) {
      throw Refusal.badRequest(
          "Query parameter 'service' is '"
              + name
              + "', not a service in firebreak.yaml; known: "
              + config.services().stream()
                  .map(ServiceConfig::name)
                  .collect(Collectors.joining(", "))
              + ".");
    }
    return name;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
