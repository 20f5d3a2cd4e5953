package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.HumanDuration;
import java.time.Duration;

/**
 * Left only for the classes being split in parallel (IncidentWorkflowImpl, Incident,
 * IncidentProgress); each function delegates to its home. Delete once they call the homes.
 */
final class Texts {

  /** See {@link Clip#HISTORY_TEXT}. */
  static final int MAX_TEXT = Clip.HISTORY_TEXT;

  private Texts() {}

  static String clip(String text, int max) {
    return Clip.of(text, max);
  }

  static String firstNonBlank(String preferred, String fallback) {
    return PostMortemInput.firstNonBlank(preferred, fallback);
  }

  static String describe(ResponderUpdate update) {
    return update.describe();
  }

  static String humanize(Duration duration) {
    return HumanDuration.of(duration);
  }
}
