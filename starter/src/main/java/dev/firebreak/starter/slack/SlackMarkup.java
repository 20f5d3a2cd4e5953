package dev.firebreak.starter.slack;

import dev.firebreak.workflows.notify.SlackEscaping;
import java.util.regex.Pattern;

/**
 * Text for Slack's mrkdwn. Anything a user typed is escaped, so a title such as {@code <!channel>}
 * is shown and never notifies a whole channel; Slack user ids that the workflow recorded (who
 * acknowledged, who commands) become mentions so people see names.
 */
final class SlackMarkup {

  private static final Pattern BARE_USER_ID = Pattern.compile("(?<![@\\w])[UW][A-Z0-9]{6,}(?!\\w)");

  private SlackMarkup() {}

  /** Slack's three control characters, escaped as its docs ask. */
  static String escape(String text) {
    return SlackEscaping.escape(text);
  }

  /** Escaped text in which bare Slack user ids are mentions. */
  static String withMentions(String text) {
    return BARE_USER_ID.matcher(escape(text)).replaceAll("<@$0>");
  }
}
