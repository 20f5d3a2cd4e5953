package dev.firebreak.starter.incidents;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.ServiceConfig;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules every way of declaring an incident shares: the HTTP API, Slack's command and form,
 * alerts and maintenance windows. They are written once here so that a title the API refuses is
 * refused by Slack too, and an alert's title is cut to the same length rather than a different one.
 * Each entry path still words its refusal for its own audience (an API error, a Slack reply, a form
 * error); alerts cannot be refused (their sender cannot be asked for a shorter title), so their
 * title is clipped to {@link #MAX_TITLE} instead.
 */
public final class DeclarationRules {

  /** The longest title an incident (or a maintenance window) may have, in characters. */
  public static final int MAX_TITLE = 200;

  /** The longest commander name a declaration may carry, in characters. */
  public static final int MAX_COMMANDER = 200;

  private DeclarationRules() {}

  /** Whether the title, as it will be declared (surrounding blanks removed), fits the limit. */
  public static boolean titleFits(String title) {
    return title.strip().length() <= MAX_TITLE;
  }

  /** The configured services' names, for a refusal that says which ones exist. */
  public static String knownServices(FirebreakConfig config) {
    return config.services().stream().map(ServiceConfig::name).collect(Collectors.joining(", "));
  }

  /** Why the service cannot be declared for, or empty when it is configured. */
  public static Optional<String> unknownService(FirebreakConfig config, String service) {
    return config.service(service).isPresent()
        ? Optional.empty()
        : Optional.of("No service named '" + service + "'; known: " + knownServices(config) + ".");
  }
}
