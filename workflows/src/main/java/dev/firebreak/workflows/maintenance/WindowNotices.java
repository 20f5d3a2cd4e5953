package dev.firebreak.workflows.maintenance;

import static dev.firebreak.workflows.common.ActivityPolicies.NOTIFY;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.notify.ChatActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Tells the window's audience ({@link WindowAudience}): Slack, then mail. */
final class WindowNotices {

  private final WindowAudience audience;
  private final BiConsumer<String, String> timeline;
  private final ChatActivities chat = Workflow.newActivityStub(ChatActivities.class, NOTIFY);
  private final MaintenanceMailActivities mail =
      Workflow.newActivityStub(MaintenanceMailActivities.class, NOTIFY);

  /** {@code timeline} records an entry (kind, text) in the window's timeline. */
  WindowNotices(WindowAudience audience, BiConsumer<String, String> timeline) {
    this.audience = audience;
    this.timeline = timeline;
  }

  /** A message that cannot be delivered is noted, never a reason to stop the window. */
  void tell(String key, String text) {
    try {
      Delivery posted = chat.post(audience.chat(key, text));
      if (posted.dryRun()) {
        timeline.accept("notify", posted.detail());
      }
      Optional<MaintenanceEmail> email = audience.mail(key, text);
      if (email.isPresent()) {
        mail.send(email.get());
      }
    } catch (ActivityFailure failed) {
      timeline.accept(
          "notify", "Could not tell everyone (" + key + "): " + RootCause.message(failed));
    }
  }
}
