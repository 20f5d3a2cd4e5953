package dev.firebreak.workflows.notify;

/**
 * A message about an incident: a thread reply under the incident message when {@code threadTs} is
 * set, otherwise a message in the channel.
 *
 * @param key unique per incident and step (for example {@code INC-20261123-1/update-3}); a retried
 *     post with the same key must not post twice
 * @param text plain text, user text included as typed; the only markup is {@code *bold*}, because
 *     the chat provider escapes the whole text (a {@code <!channel>} in an update must stay text)
 * @param bookmark when set, the message is also bookmarked in its channel under this title (the
 *     post-mortem); null for ordinary messages
 * @param controls the checklist and buttons the message carries where the provider can draw them;
 *     null for a message that is only text (and in histories recorded before controls existed)
 */
public record ThreadMessage(
    String key,
    String incidentId,
    String channel,
    String threadTs,
    String text,
    String bookmark,
    MessageControls controls) {

  public ThreadMessage(
      String key, String incidentId, String channel, String threadTs, String text) {
    this(key, incidentId, channel, threadTs, text, null, null);
  }

  public ThreadMessage(
      String key,
      String incidentId,
      String channel,
      String threadTs,
      String text,
      String bookmark) {
    this(key, incidentId, channel, threadTs, text, bookmark, null);
  }
}
