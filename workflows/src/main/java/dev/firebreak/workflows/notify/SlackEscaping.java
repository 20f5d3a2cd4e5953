package dev.firebreak.workflows.notify;

/**
 * Slack's escaping rule for mrkdwn, the one place it is written down. Slack reads {@code <…>} as a
 * mention, a broadcast ({@code <!channel>}) or a link with a label of its own choosing, and
 * {@code &…;} as an entity, so user text escapes {@code &}, {@code <} and {@code >} and nothing else.
 * It lives next to the chat records because both the chat activities and the Slack endpoints lay
 * out user text for Slack, and the two must agree on the rule; it is applied once, where the text
 * is laid out, so records and workflow messages stay plain text.
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
}
