package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.HumanDuration;
import java.time.Duration;

/** How incident text is shortened and phrased, shared by the card, the messages and the report. */
final class Texts {

  /** Responder text beyond this is cut: history payloads must stay small. */
  static final int MAX_TEXT = 4000;

  private Texts() {}

  static String clip(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  static String firstNonBlank(String preferred, String fallback) {
    return preferred != null && !preferred.isBlank() ? preferred : fallback;
  }

  static String describe(ResponderUpdate update) {
    StringBuilder text = new StringBuilder(update.text());
    if (update.eta() != null && !update.eta().isBlank()) {
      text.append("\nETA: ").append(update.eta());
    }
    if (update.actions() != null && !update.actions().isBlank()) {
      text.append("\nActions: ").append(update.actions());
    }
    return text.toString();
  }

  /** How on-call people say durations; see {@link HumanDuration}. */
  static String humanize(Duration duration) {
    return HumanDuration.of(duration);
  }
}
