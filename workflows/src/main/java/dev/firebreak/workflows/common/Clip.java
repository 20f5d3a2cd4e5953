package dev.firebreak.workflows.common;

import java.nio.charset.StandardCharsets;

/**
 * Cuts text that goes where room is limited (a workflow's history, a Slack reply, a Temporal
 * summary) and says so with an ellipsis. A cut never splits a character made of two UTF-16 units:
 * half an emoji is not valid text for Slack or JSON.
 */
public final class Clip {

  /** Person-written text beyond this many characters is cut: history payloads must stay small. */
  public static final int HISTORY_TEXT = 4000;

  private static final String ELLIPSIS = "…";

  private Clip() {}

  /** At most {@code max} characters, the ellipsis included; null stays null. */
  public static String of(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + ELLIPSIS;
  }

  /**
   * At most {@code maxBytes} bytes in UTF-8, the ellipsis (3 bytes) included; for Temporal's
   * byte-limited summaries.
   */
  public static String utf8(String text, int maxBytes) {
    if (text == null || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    String cut = text;
    int room = maxBytes - ELLIPSIS.getBytes(StandardCharsets.UTF_8).length;
    while (cut.getBytes(StandardCharsets.UTF_8).length > room) {
      cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
    }
    return cut + ELLIPSIS;
  }
}
