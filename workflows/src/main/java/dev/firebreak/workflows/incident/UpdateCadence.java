package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.HumanDuration;
import java.time.Duration;
import java.time.Instant;

/**
 * "Post an update every N minutes": when the next update is due, what the reminder says and whom it
 * addresses. Each missed interval moves the due time one interval further, so a silent incident is
 * reminded once per interval, not at every wake-up.
 */
final class UpdateCadence {

  /**
   * The cadence carried across continue-as-new.
   *
   * @param lastUpdateAt the latest update, or the declaration (or reopening) before one
   * @param missed intervals missed in a row since then
   * @param posted updates posted in all
   */
  public record State(Instant lastUpdateAt, int missed, int posted, ResponderUpdate latest) {
    static State fresh(Instant declaredAt) {
      return new State(declaredAt, 0, 0, null);
    }

    /** A responder's update at {@code at} restarts the cadence. */
    State updated(ResponderUpdate update, Instant at) {
      return new State(at, 0, posted + 1, update);
    }

    /** The cadence starts again at {@code at} without an update (a reopening). */
    State restartedAt(Instant at) {
      return new State(at, 0, posted, latest);
    }

    State missedOne() {
      return new State(lastUpdateAt, missed + 1, posted, latest);
    }
  }

  private final IncidentPolicy policy;

  UpdateCadence(IncidentPolicy policy) {
    this.policy = policy;
  }

  Instant due(Incident incident) {
    Duration interval = interval(incident);
    UpdateCadence.State updates = incident.updates;
    return updates.lastUpdateAt().plus(interval.multipliedBy(updates.missed() + 1L));
  }

  /** Whether an open incident's update is overdue at {@code now}. */
  boolean overdue(Incident incident, Instant now) {
    return incident.status().isOpen() && !now.isBefore(due(incident));
  }

  Duration interval(Incident incident) {
    return policy.forSeverity(incident.severity()).updateInterval();
  }

  String missedText(Incident incident, Instant now) {
    return "No update for "
        + HumanDuration.of(silence(incident, now))
        + " (due every "
        + HumanDuration.of(interval(incident))
        + ")";
  }

  String reminderText(Incident incident, Instant now) {
    return "⏰ "
        + addressee(incident)
        + ": no update on "
        + incident.id()
        + " for "
        + HumanDuration.of(silence(incident, now))
        + (incident.isAcknowledged() ? ". Post one" : ". Acknowledge it, then post an update")
        + ": what you found, ETA, actions.";
  }

  /**
   * Who is reminded to post an update. Before anyone acknowledges, nobody has taken command (a
   * commander named at declaration has not answered either), so the reminder goes to the level
   * being paged now: the people who are expected to pick the incident up.
   */
  String addressee(Incident incident) {
    if (!incident.isAcknowledged() && incident.escalation.level() >= 0) {
      EscalationLevel paged = policy.escalation().get(incident.escalation.level());
      return paged.name() + " on call (" + String.join(", ", paged.targets()) + ")";
    }
    return commanderOrRole(incident);
  }

  /** Who commands the incident, or the role when nobody was named. */
  static String commanderOrRole(Incident incident) {
    String commander = incident.lifecycle.commander();
    return commander == null ? "Incident commander" : commander;
  }

  /**
   * A responder's update restarts the cadence; it goes into the timeline and the thread, clipped.
   */
  ResponderUpdate record(Incident incident, ResponderUpdate update, Instant now, ChatLane chat) {
    ResponderUpdate clipped =
        new ResponderUpdate(
            update.by(),
            Clip.of(update.text(), Clip.HISTORY_TEXT),
            Clip.of(update.eta(), 200),
            Clip.of(update.actions(), Clip.HISTORY_TEXT));
    incident.updates = incident.updates.updated(clipped, now);
    incident.record(now, "update", update.by(), clipped.describe());
    chat.post("update", message(clipped), true);
    return clipped;
  }

  /**
   * Counts a missed interval and reminds the thread; the caller asks Escalation whether it also
   * pages.
   */
  void remind(Incident incident, Instant now, ChatLane chat) {
    incident.updates = incident.updates.missedOne();
    incident.record(now, "update-missed", null, missedText(incident, now));
    chat.post("update-reminder", reminderText(incident, now), true);
  }

  /** The chat text of a responder's update (already clipped). */
  static String message(ResponderUpdate update) {
    StringBuilder text = new StringBuilder("📊 UPDATE from " + update.by() + ": " + update.text());
    if (update.eta() != null && !update.eta().isBlank()) {
      text.append("\n⏰ ETA: ").append(update.eta());
    }
    if (update.actions() != null && !update.actions().isBlank()) {
      text.append("\n🔧 Actions: ").append(update.actions());
    }
    return text.toString();
  }

  private static Duration silence(Incident incident, Instant now) {
    return Duration.between(incident.updates.lastUpdateAt(), now);
  }
}
