package dev.firebreak.starter.config;

import java.util.List;

/**
 * The outcome of reading a config: every problem found, and the model when the file could be read
 * at all (null when the YAML itself is broken).
 *
 * @param warnings what loads but will likely not work as meant (see {@link ConfigWarnings}); never
 *     a reason to refuse the file
 */
public record ConfigCheck(
    FirebreakConfig config, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
  public ConfigCheck {
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  public ConfigCheck(FirebreakConfig config, List<ConfigProblem> problems) {
    this(config, problems, List.of());
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
