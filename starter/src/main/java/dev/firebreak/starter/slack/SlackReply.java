package dev.firebreak.starter.slack;

/**
 * An answer to a command or click, in mrkdwn.
 *
 * @param inChannel shown to the whole channel (a declaration); otherwise only to the person who
 *     asked
 */
record SlackReply(String text, boolean inChannel) {

  static SlackReply toUser(String text) {
    return new SlackReply(text, false);
  }

  static SlackReply toChannel(String text) {
    return new SlackReply(text, true);
  }
}
