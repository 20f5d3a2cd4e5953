package dev.firebreak.activities.slack;

import dev.firebreak.workflows.notify.SlackEscaping;

/**
 * Slack's text rules: mrkdwn needs {@code &}, {@code <} and {@code >} escaped (they start links,
 * mentions and entities), and every text field has a length limit that makes Slack reject the whole
 * message ({@code invalid_blocks}, {@code msg_too_long}) instead of cutting it. We cut first,
 * visibly.
 */
final class SlackText {

  private static final String ELLIPSIS = "…";
  private static final int LONGEST_ENTITY = "&amp;".length();

  private SlackText() {}

  /** Escapes user-supplied text so that Slack shows it literally inside mrkdwn; null becomes "". */
  static String escape(String raw) {
    return SlackEscaping.escape(raw);
  }

  /**
   * Cuts {@code text} to at most {@code max} UTF-16 units (never fewer than Slack counts), ending
   * in an ellipsis, without splitting a surrogate pair or an escaped entity such as {@code &amp;}.
   */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - ELLIPSIS.length();
    if (Character.isLowSurrogate(text.charAt(end))) {
      end--;
    }
    // The longest entity escape() produces is "&amp;": a cut within it leaves a stray "&am".
    int entityStart = text.lastIndexOf('&', end - 1);
    if (entityStart > end - LONGEST_ENTITY && text.indexOf(';', entityStart) >= end) {
      end = entityStart;
    }
    return text.substring(0, end) + ELLIPSIS;
  }

  /** User text made safe for a mrkdwn field of at most {@code max} characters. */
  static String mrkdwn(String raw, int max) {
    return truncate(escape(raw), max);
  }
}
