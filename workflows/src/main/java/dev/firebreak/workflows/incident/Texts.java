package dev.firebreak.workflows.incident;

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

  /** "1h 05m", "4m 12s", "12s": how on-call people say durations. */
  static String humanize(Duration duration) {
    if (duration == null) {
      return "n/a";
    }
    // Rounded, not cut: an ack 3m 59.98s after declaring (a timer firing a few ms early) reads "4m 00s".
    long seconds = Math.max(0, (duration.toMillis() + 500) / 1000);
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    if (days > 0) {
      return String.format("%dd %02dh %02dm", days, hours, minutes);
    }
    if (hours > 0) {
      return String.format("%dh %02dm", hours, minutes);
    }
    if (minutes > 0) {
      return String.format("%dm %02ds", minutes, secs);
    }
    return secs + "s";
  }

  /** The innermost cause's message: what the provider said, not Temporal's wrapping of it. */
  static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}
