package dev.firebreak.starter.config;

import java.util.List;

/**
 * The outcome of reading a config: every problem found, and the model when the file could be read
 * at all (null when the YAML itself is broken).
 */
public record ConfigCheck(FirebreakConfig config, List<ConfigProblem> problems) {
  public ConfigCheck {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
