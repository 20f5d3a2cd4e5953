package dev.firebreak.starter.config;

import java.net.URI;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Checks what phone paging needs: a {@code call:} target is refused without {@code
 * providers.twilio} (nobody could place the call) and without its {@code publicUrl} (the key press
 * that acknowledges could never come back), and the public URL is an address Twilio can post to.
 */
final class TwilioConfigCheck {

  private TwilioConfigCheck() {}

  static void check(FirebreakConfig config, BiConsumer<String, String> report) {
    ProvidersConfig.TwilioProvider twilio = config.providers().twilio();
    if (twilio != null && !ConfigValidator.blank(twilio.publicUrl())) {
      checkPublicUrl(twilio.publicUrl(), report);
    }
    checkCallTargets("escalation", config.escalation(), twilio, report);
    for (Map.Entry<String, EscalationConfig> policy : config.escalationPolicies().entrySet()) {
      checkCallTargets("escalationPolicies." + policy.getKey(), policy.getValue(), twilio, report);
    }
  }

  private static void checkPublicUrl(String url, BiConsumer<String, String> report) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception notAUri) {
      uri = null;
    }
    if (uri == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      report.accept(
          "providers.twilio.publicUrl",
          "must be Firebreak's address as Twilio reaches it, such as https://firebreak.example.com"
              + " (no query), not '"
              + url
              + "'");
    }
  }

  private static void checkCallTargets(
      String root,
      EscalationConfig escalation,
      ProvidersConfig.TwilioProvider twilio,
      BiConsumer<String, String> report) {
    if (escalation == null) {
      return;
    }
    for (int i = 0; i < escalation.levels().size(); i++) {
      EscalationConfig.Level level = escalation.levels().get(i);
      for (int t = 0; level != null && t < level.targets().size(); t++) {
        String target = level.targets().get(t);
        if (target == null || !target.startsWith("call:")) {
          continue;
        }
        String path = root + ".levels[" + i + "].targets[" + t + "]";
        if (twilio == null) {
          report.accept(
              path,
              "'" + target + "' needs providers.twilio: nobody can place the call without it");
        } else if (ConfigValidator.blank(twilio.publicUrl())) {
          report.accept(
              path,
              "'"
                  + target
                  + "' needs providers.twilio.publicUrl: the key press that acknowledges comes"
                  + " back to it");
        }
      }
    }
  }
}
