package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.notify.ThreadMessage;
import java.util.Optional;

/**
 * Who hears about a window: its Slack channel always, its mailing list when it has one. Every
 * message carries a key made of the window's id and the moment ("announce-pt1h", "end"), so a
 * retried delivery is recognised and never posted twice.
 */
final class WindowAudience {

  private final MaintenanceRequest request;
  private final MaintenancePlan plan;

  WindowAudience(MaintenanceRequest request, MaintenancePlan plan) {
    this.request = request;
    this.plan = plan;
  }

  ThreadMessage chat(String key, String text) {
    return new ThreadMessage(fullKey(key), request.id(), plan.channel(), null, text);
  }

  /** The e-mail for the same moment; empty when the window mails nobody. */
  Optional<MaintenanceEmail> mail(String key, String text) {
    if (plan.emails().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new MaintenanceEmail(fullKey(key), request.id(), plan.emails(), subject(), text));
  }

  String subject() {
    return "[Maintenance " + request.id() + "] " + request.title();
  }

  private String fullKey(String key) {
    return request.id() + "/" + key;
  }
}
