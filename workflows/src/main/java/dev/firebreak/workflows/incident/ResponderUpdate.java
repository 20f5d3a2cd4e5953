package dev.firebreak.workflows.incident;

/**
 * The runbook's 15-minute update: what we found, when we expect it fixed, what we are doing.
 *
 * @param eta free text such as "04:30 UTC" or "30 min"; optional
 * @param actions what responders are doing now; optional
 */
public record ResponderUpdate(String by, String text, String eta, String actions) {

  /**
   * The update as one text (for the timeline and the view): the text, then its ETA and actions on
   * their own lines.
   */
  String describe() {
    StringBuilder described = new StringBuilder(text);
    if (eta != null && !eta.isBlank()) {
      described.append("\nETA: ").append(eta);
    }
    if (actions != null && !actions.isBlank()) {
      described.append("\nActions: ").append(actions);
    }
    return described.toString();
  }
}
