package dev.firebreak.activities.http;

/**
 * Shortens text that goes into failures, results and logs: those end up in workflow history, where
 * every byte is kept and payloads have a hard size limit.
 */
public final class Excerpt {

  private Excerpt() {}

  /** The text on one line, cut to {@code maxChars} with a marker saying how much was dropped. */
  public static String of(String text, int maxChars) {
    String oneLine = text.strip().replaceAll("\\s*\\R\\s*", " ");
    return cut(oneLine, maxChars);
  }

  /** The text as is, cut to {@code maxChars} with a marker saying how much was dropped. */
  public static String cut(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    return text.substring(0, maxChars) + "… (" + (text.length() - maxChars) + " more chars)";
  }
}
