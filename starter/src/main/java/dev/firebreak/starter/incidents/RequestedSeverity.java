package dev.firebreak.starter.incidents;

import dev.firebreak.starter.service.Refusal;
import dev.firebreak.workflows.incident.Severity;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A severity named in a request (a body field, a query parameter), read the same way wherever it
 * comes from.
 */
public final class RequestedSeverity {

  private RequestedSeverity() {}

  /**
   * The severity, case and surrounding blanks aside; anything else is a 400 that names the known
   * ones. {@code source} says where it came from, e.g. {@code Field 'severity'}.
   */
  public static Severity parse(String source, String text) {
    try {
      return Severity.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.badRequest(
          source
              + " is '"
              + text
              + "', not one of "
              + Arrays.stream(Severity.values()).map(Enum::name).collect(Collectors.joining(", "))
              + ".");
    }
  }
}
