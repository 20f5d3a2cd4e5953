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

  /**
   * What a response may show of itself: on one line, credentials redacted ({@link
   * CredentialRedactor}), cut to {@code maxChars}. Every excerpt of an answer goes through here.
   */
  public static String ofResponse(String body, int maxChars) {
    return of(CredentialRedactor.redact(body), maxChars);
  }

  /** The text as is, cut to {@code maxChars} with a marker saying how much was dropped. */
  public static String cut(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    return text.substring(0, maxChars) + "… (" + (text.length() - maxChars) + " more chars)";
  }
}
