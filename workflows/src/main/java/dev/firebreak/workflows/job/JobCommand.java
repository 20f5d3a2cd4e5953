package dev.firebreak.workflows.job;

import java.util.Map;

/**
 * A person's command to a job (run now, pause, resume): who, optionally why, and for a run now the
 * values of the job's parameters that differ from their defaults.
 */
public record JobCommand(String by, String reason, Map<String, String> parameters) {

  public JobCommand {
    // A command recorded before jobs took parameters has none.
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  public JobCommand(String by, String reason) {
    this(by, reason, Map.of());
  }
}
