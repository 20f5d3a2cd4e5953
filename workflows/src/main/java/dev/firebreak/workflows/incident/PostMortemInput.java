package dev.firebreak.workflows.incident;

import java.util.ArrayList;
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

  /** Nothing contributed yet. */
  static final PostMortemInput NONE = new PostMortemInput(null, null, null, null, List.of(), null);

  /**
   * This input with {@code contribution} merged in: its filled-in fields win, its prevention tasks
   * are added.
   */
  PostMortemInput merged(PostMortemInput contribution) {
    List<String> tasks = new ArrayList<>(preventionTasks);
    if (contribution.preventionTasks() != null) {
      contribution.preventionTasks().stream()
          .filter(t -> t != null && !t.isBlank())
          .forEach(tasks::add);
    }
    return new PostMortemInput(
        contribution.by(),
        firstNonBlank(contribution.impact(), impact),
        firstNonBlank(contribution.rootCause(), rootCause),
        firstNonBlank(contribution.resolution(), resolution),
        List.copyOf(tasks),
        firstNonBlank(contribution.lessonsLearned(), lessonsLearned));
  }

  /** A field a person filled in wins over what is already known; a blank one keeps it. */
  static String firstNonBlank(String preferred, String fallback) {
    return preferred != null && !preferred.isBlank() ? preferred : fallback;
  }
}
