package dev.firebreak.activities.fakes;

import java.util.List;
import java.util.Set;

/**
 * A channel as the fake Slack holds it, copied out for a test to look at.
 *
 * @param members user IDs, the bot's own included when it is a member
 * @param bookmarks in the order they were added
 */
public record FakeSlackChannel(
    String id,
    String name,
    boolean isPrivate,
    String topic,
    Set<String> members,
    List<Bookmark> bookmarks) {

  public FakeSlackChannel {
    members = Set.copyOf(members);
    bookmarks = List.copyOf(bookmarks);
  }

  /** One {@code bookmarks.add} that Slack kept. */
  public record Bookmark(String id, String title, String type, String link) {}
}
