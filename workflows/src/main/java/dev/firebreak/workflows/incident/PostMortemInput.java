package dev.firebreak.workflows.incident;

import java.util.List;

/**
 * What only people can tell the post-mortem; every field is optional and merges into what is known.
 */
public record PostMortemInput(
    String by,
    String impact,
    String rootCause,
    String resolution,
    List<String> preventionTasks,
    String lessonsLearned) {

  /** A field a person filled in wins over what is already known; a blank one keeps it. */
  static String firstNonBlank(String preferred, String fallback) {
    return preferred != null && !preferred.isBlank() ? preferred : fallback;
  }
}
