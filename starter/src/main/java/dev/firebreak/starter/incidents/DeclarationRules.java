package dev.firebreak.starter.incidents;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.ServiceConfig;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.DeclarationLimits;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules every way of declaring an incident shares: the HTTP API, Slack's command and form,
 * alerts, jobs and maintenance windows. The limits themselves are {@link DeclarationLimits} (in
 * {@code workflows}, so that jobs and windows, which declare from inside a workflow, keep them
 * too); this class adds what needs the config (the service must be configured) and says why a
 * declaration is refused. {@link Declarations} checks them for the API and Slack; each entry path
 * that checks earlier (the Slack command's parser, the Slack form) words its refusal for its own
 * audience by the same rule. Alerts, jobs and windows cannot be refused (nobody can be asked for a
 * shorter title), so their declarations are fitted to the limits instead.
 */
public final class DeclarationRules {

  /** The longest title an incident (or a maintenance window) may have, in characters. */
  public static final int MAX_TITLE = DeclarationLimits.MAX_TITLE;

  /** The longest commander name a declaration may carry, in characters. */
  public static final int MAX_COMMANDER = DeclarationLimits.MAX_COMMANDER;

  private DeclarationRules() {}

  /** Whether the title, as it will be declared (surrounding blanks removed), fits the limit. */
  public static boolean titleFits(String title) {
    return DeclarationLimits.titleFits(title);
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

  /** Why the declaration may not be made as asked, or empty when it may. */
  public static Optional<String> refusal(FirebreakConfig config, Declaration draft) {
    if (draft.title() == null || draft.title().isBlank()) {
      return Optional.of("Field 'title' is required.");
    }
    if (!titleFits(draft.title())) {
      return Optional.of("Field 'title' is longer than " + MAX_TITLE + " characters.");
    }
    if (draft.service() == null || draft.service().isBlank()) {
      return Optional.of("Field 'service' is required.");
    }
    Optional<String> unknown = unknownService(config, draft.service());
    if (unknown.isPresent()) {
      return unknown;
    }
    if (!DeclarationLimits.commanderFits(draft.commander())) {
      return Optional.of("Field 'commander' is longer than " + MAX_COMMANDER + " characters.");
    }
    return Optional.empty();
  }
}
