package dev.firebreak.starter.config;

import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * What {@code providers.slack} must say for the incident rooms to work: a main channel Slack will
 * accept (announcements go there; rooms are named by Slack's same rules), and rooms only where a
 * bot token exists to create them.
 */
final class SlackProviderCheck {

  private static final String PATH = "providers.slack";
  // Slack's channel names: lower-case letters, digits, '-' and '_', at most 80; IDs start C, G or
  // D.
  private static final Pattern CHANNEL_NAME = Pattern.compile("#?[a-z0-9_-]{1,80}");
  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{8,}");

  void check(ProvidersConfig.SlackProvider slack, BiConsumer<String, String> report) {
    if (slack == null) {
      return;
    }
    checkChannel(PATH + ".channel", slack.channel(), report);
    if (slack.roomsArePrivate() && (slack.botToken() == null || slack.botToken().isBlank())) {
      report.accept(
          PATH + ".privateChannels",
          "needs providers.slack.botToken: the bot creates the private rooms");
    }
  }

  /** Reports a channel Slack would not accept; null is fine (the default applies). */
  static void checkChannel(String path, String channel, BiConsumer<String, String> report) {
    if (channel != null
        && !CHANNEL_ID.matcher(channel).matches()
        && !CHANNEL_NAME.matcher(channel).matches()) {
      report.accept(
          path,
          "must be a channel name like #incidents (lower-case letters, digits, - and _,"
              + " at most 80) or a channel ID like C0123ABCDEF, not '"
              + channel
              + "'");
    }
  }
}
