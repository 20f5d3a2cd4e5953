package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.PageFollowUp;
import dev.firebreak.workflows.notify.PageRequest;
import java.time.Instant;
import java.util.List;

/**
 * What a page says and where it goes: its idempotency key (stable across replays and retries), the
 * timeline line, the request itself, and the follow-up that tells paging providers which keep
 * incidents of their own (PagerDuty) that this one was acknowledged or resolved.
 */
final class Pager {

  private final IncidentPolicy policy;

  Pager(IncidentPolicy policy) {
    this.policy = policy;
  }

  /**
   * The level's page in the current round: one key per level and round, so a retry never pages
   * twice.
   */
  static String escalationKey(Incident incident, int level) {
    return incident.id() + "/page-r" + incident.escalation.round() + "-l" + (level + 1);
  }

  /** One key per missed interval since the last update. */
  static String missedUpdateKey(Incident incident) {
    return incident.id()
        + "/missed-update-"
        + incident.updates.posted()
        + "-"
        + incident.updates.missed();
  }

  /** Records that {@code level} is paged now; returns the line for the log. */
  String record(Incident incident, int level, String reason, Instant now) {
    incident.escalation = incident.escalation.withLevel(level);
    String text = escalationText(incident, level, reason);
    incident.record(
        now,
        "paged",
        null,
        text + " → " + String.join(", ", policy.escalation().get(level).targets()));
    return text;
  }

  /** Records that {@code level} is paged now for a missed update; returns the level's targets. */
  EscalationLevel recordMissedUpdatePage(Incident incident, int level, Instant now) {
    EscalationLevel target = policy.escalation().get(level);
    incident.record(
        now,
        "update-escalated",
        null,
        "Missed update escalated to level " + (level + 1) + " (" + target.name() + ")");
    return target;
  }

  /** The timeline's and the log's line for an escalation page. */
  String escalationText(Incident incident, int level, String reason) {
    return "Paging level "
        + (level + 1)
        + " ("
        + policy.escalation().get(level).name()
        + "), round "
        + incident.escalation.round()
        + ": "
        + reason;
  }

  /** How the timeline names a level when it says who one of its schedules put on call. */
  static String levelLabel(int level, EscalationLevel target) {
    return "Level " + (level + 1) + " (" + target.name() + ")";
  }

  /** Everyone paged after the first level of the first round was escalated to. */
  static boolean isEscalation(Incident incident, int level) {
    return level > 0 || incident.escalation.round() > 1;
  }

  /**
   * @param message the incident message as it was when {@code inRoom} was decided; null before it
   *     was posted. The page threads under it, in its channel or the configured one as {@code
   *     inRoom} says, so the two must come from the same moment: a page held up by resolving a
   *     schedule would otherwise take a thread of the incident's room into the configured channel,
   *     where Slack refuses it.
   * @param inRoom whether the page links to the incident's own room rather than the configured
   *     channel
   */
  PageRequest request(
      Incident incident,
      MessageRef message,
      String key,
      EscalationLevel level,
      String reason,
      boolean inRoom) {
    return new PageRequest(
        key,
        incident.id(),
        incident.severity().name(),
        incident.declaration.title(),
        level.name(),
        level.targets(),
        reason,
        inRoom ? message.channel() : policy.channel(),
        message == null ? null : message.ts());
  }

  /** Whether providers must hear of an acknowledge or resolve: only when somebody was paged. */
  static boolean followsUp(Incident incident) {
    return incident.escalation.level() >= 0;
  }

  PageFollowUp followUp(Incident incident, String by) {
    List<String> targets =
        policy.escalation().stream().flatMap(l -> l.targets().stream()).distinct().toList();
    return new PageFollowUp(incident.id(), by, targets);
  }
}
