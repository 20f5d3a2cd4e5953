package dev.firebreak.workflows.incident;

import java.time.Instant;

/**
 * Once the post-mortem is drafted, its review is chased: a reminder every interval until someone
 * marks it reviewed, saying whether the review is still due or already overdue.
 */
final class PostMortemReminders {

  /** Slack's own limit for one message is higher; this keeps a report readable in a thread. */
  static final int MAX_REPORT_IN_CHAT = 3500;

  private final IncidentPolicy policy;

  PostMortemReminders(IncidentPolicy policy) {
    this.policy = policy;
  }

  /** When the review is due: the severity's post-mortem deadline after the resolve. */
  Instant reviewDue(Incident incident, Instant now) {
    Instant resolved = incident.resolvedAt == null ? now : incident.resolvedAt;
    return resolved.plus(policy.forSeverity(incident.severity).postMortemDue());
  }

  /** The draft was posted at {@code now}: the first reminder follows one interval later. */
  void posted(Incident incident, Instant now) {
    incident.postMortemPostedAt = now;
    incident.nextPostMortemReminderAt = now.plus(policy.postMortemReminderInterval());
  }

  boolean reminderDue(Incident incident, Instant now) {
    return incident.status == IncidentStatus.POST_MORTEM
        && incident.nextPostMortemReminderAt != null
        && !now.isBefore(incident.nextPostMortemReminderAt);
  }

  /** Counts the reminder sent at {@code now}, schedules the next and says when the review is due. */
  String remind(Incident incident, Instant now) {
    incident.postMortemReminders++;
    incident.nextPostMortemReminderAt = now.plus(policy.postMortemReminderInterval());
    Instant due = reviewDue(incident, now);
    return now.isAfter(due) ? "overdue since " + due : "due by " + due;
  }

  static String reminderText(Incident incident, String when) {
    String who = incident.commander == null ? "Incident commander" : incident.commander;
    return "📝 " + who + ": the post-mortem of " + incident.id() + " awaits review (" + when + ").";
  }

  /** The draft as posted in chat: clipped, with where the full report is. */
  static String chatText(Incident incident, String report) {
    return Texts.clip(report, MAX_REPORT_IN_CHAT) + "\n\nFull report: GET /api/v1/incidents/"
        + incident.id() + "/postmortem";
  }
}
