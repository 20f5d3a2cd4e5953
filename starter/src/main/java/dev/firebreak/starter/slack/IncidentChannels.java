package dev.firebreak.starter.slack;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which incident a channel belongs to, read from its name: incident channels are named
 * {@code inc-<id in lower case>-<slug>}, so {@code /incident ack} typed in one needs no id. Both
 * {@code inc-inc-20261123-3-checkout} (the id kept whole) and {@code inc-20261123-3-checkout} (its
 * prefix folded into the channel's) are read as INC-20261123-3.
 */
final class IncidentChannels {

  private static final Pattern INCIDENT_CHANNEL = Pattern.compile("inc-(?:inc-)?(\\d{8}-\\d{1,6})(?:-.*)?");

  Optional<String> incidentOf(String channelName) {
    if (channelName == null) {
      return Optional.empty();
    }
    Matcher matcher = INCIDENT_CHANNEL.matcher(channelName.toLowerCase(Locale.ROOT));
    return matcher.matches() ? Optional.of("INC-" + matcher.group(1)) : Optional.empty();
  }
}
