package dev.firebreak.workflows.playbook;

import java.util.List;

/** What a caller filled in for an action is not acceptable; each problem is one sentence. */
public final class InvalidParameters extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public InvalidParameters(List<String> problems) {
    super(String.join(" ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
