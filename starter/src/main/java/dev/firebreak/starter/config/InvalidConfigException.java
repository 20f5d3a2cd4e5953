package dev.firebreak.starter.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config that must not be run: carries every problem, each with its path. */
public final class InvalidConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public InvalidConfigException(String source, List<ConfigProblem> problems) {
    super(
        source
            + " is invalid:\n"
            + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
