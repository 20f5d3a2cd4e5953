package dev.firebreak.workflows.notify;

/**
 * Slack's escaping rule for mrkdwn, the one place it is written down. Slack reads {@code <…>} as a
 * mention, a broadcast ({@code <!channel>}) or a link with a label of its own choosing, and {@code
 * &…;} as an entity, so user text escapes {@code &}, {@code <} and {@code >} and nothing else. It
 * lives next to the chat records because both the chat activities and the Slack endpoints lay out
 * user text for Slack, and the two must agree on the rule; it is applied once, where the text is
 * laid out, so records and workflow messages stay plain text.
 */
public final class SlackEscaping {

  private SlackEscaping() {}

  /** {@code raw} as Slack shows it literally inside mrkdwn; null becomes "". */
  public static String escape(String raw) {
    if (raw == null) {
      return "";
    }
    // & first: escaping it after < would turn the &lt; just written into &amp;lt;.
    return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * What the user typed, from text Slack sends us (a slash command's): Slack escapes the same three
   * characters on its way in, and keeping them escaped would escape them twice on the way out. One
   * pass, so {@code &amp;lt;} (someone typing "&lt;") stays {@code &lt;}; null becomes "".
   */
  public static String unescape(String escaped) {
    if (escaped == null) {
      return "";
    }
    StringBuilder text = new StringBuilder(escaped.length());
    int i = 0;
    while (i < escaped.length()) {
      if (escaped.startsWith("&lt;", i)) {
        text.append('<');
        i += 4;
      } else if (escaped.startsWith("&gt;", i)) {
        text.append('>');
        i += 4;
      } else if (escaped.startsWith("&amp;", i)) {
        text.append('&');
        i += 5;
      } else {
        text.append(escaped.charAt(i++));
      }
    }
    return text.toString();
  }
}
