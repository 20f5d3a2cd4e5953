package dev.firebreak.activities.slack;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a person or group is addressed in Slack. Only IDs notify anyone: {@code <@U…>} for a user,
 * {@code <!subteam^S…>} for a user group; a display name in angle brackets does nothing, so names
 * are shown as plain text and never treated as a page.
 */
final class SlackMention {

  static final String TARGET_SCHEME = "slack:";

  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
  private static final Pattern USER_GROUP_ID = Pattern.compile("S[A-Z0-9]{2,}");

  private SlackMention() {}

  /**
   * The mention for a Slack ID, with or without the {@code slack:} scheme; empty for anything else.
   */
  static Optional<String> of(String idOrTarget) {
    String id = bare(idOrTarget);
    if (USER_ID.matcher(id).matches()) {
      return Optional.of("<@" + id + ">");
    }
    if (USER_GROUP_ID.matcher(id).matches()) {
      return Optional.of("<!subteam^" + id + ">");
    }
    return Optional.empty();
  }

  /**
   * The user ID in a {@code slack:U…} target or a bare ID; empty for user groups and names, which
   * cannot be invited.
   */
  static Optional<String> userId(String idOrTarget) {
    String id = bare(idOrTarget);
    return USER_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
  }

  private static String bare(String idOrTarget) {
    return idOrTarget.startsWith(TARGET_SCHEME)
        ? idOrTarget.substring(TARGET_SCHEME.length())
        : idOrTarget;
  }

  /** A person as the message shows them: a mention when we have their ID, their name otherwise. */
  static String person(String who) {
    return of(who).orElseGet(() -> SlackText.escape(who));
  }
}
