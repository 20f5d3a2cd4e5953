package dev.firebreak.workflows.notify;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of an incident's own channel: {@code inc-<id>-<slug of the title>}, for example {@code
 * inc-20261123-1-checkout-api-5xx-spike}. Slack names are lower-case letters, digits, hyphens and
 * underscores, at most 80 characters; the name is derived, never stored, so every activity (and a
 * retry on another worker) arrives at the same channel, and a slash command typed in the room needs
 * no id.
 */
public final class IncidentRoomName {

  static final int MAX_LENGTH = 80;
  private static final String PREFIX = "inc-";
  private static final Pattern ROOM = Pattern.compile("inc-(\\d{8}-\\d{1,6})(?:-.*)?");

  private IncidentRoomName() {}

  public static String of(String incidentId, String title) {
    String prefix = prefix(incidentId);
    String slug = slug(title == null ? "" : title);
    String name = slug.isEmpty() ? prefix.substring(0, prefix.length() - 1) : prefix + slug;
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    String cut = name.substring(0, MAX_LENGTH);
    // Cutting inside the slug may leave a trailing dash; the id part is never cut.
    int end = cut.length();
    while (end > prefix.length() && cut.charAt(end - 1) == '-') {
      end--;
    }
    return cut.substring(0, end);
  }

  /** True when {@code channelName} is the room of {@code incidentId}, whatever its title. */
  public static boolean belongsTo(String incidentId, String channelName) {
    String prefix = prefix(incidentId);
    return channelName != null
        && (channelName.startsWith(prefix)
            || channelName.equals(prefix.substring(0, prefix.length() - 1)));
  }

  /** The incident whose room {@code channelName} is, if it is one. */
  public static Optional<String> incidentOf(String channelName) {
    if (channelName == null) {
      return Optional.empty();
    }
    Matcher matcher = ROOM.matcher(channelName.toLowerCase(Locale.ROOT));
    return matcher.matches() ? Optional.of("INC-" + matcher.group(1)) : Optional.empty();
  }

  /**
   * {@code inc-<id>-}; an id that already starts with "INC-" (Firebreak's own {@code
   * INC-20261123-1}) does not get the prefix twice.
   */
  private static String prefix(String incidentId) {
    String id = slug(incidentId);
    return (id.startsWith(PREFIX) ? id : PREFIX + id) + "-";
  }

  private static String slug(String text) {
    String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }
}
