package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Clip;
import java.time.Instant;
import java.util.List;

/**
 * Once the post-mortem is drafted, its review is chased: a reminder every interval until someone
 * marks it reviewed, saying whether the review is still due or already overdue.
 */
final class PostMortemReminders {

  /** Slack's own limit for one message is higher; this keeps a report readable in a thread. */
  static final int MAX_REPORT_IN_CHAT = 3500;

  /**
   * The post-mortem carried across continue-as-new.
   *
   * @param input what responders contributed so far
   * @param postedAt when the draft was posted; null before monitoring passed
   * @param nextReminderAt when the review is chased next; null when nothing is chased
   */
  public record State(
      PostMortemInput input, Instant postedAt, Instant nextReminderAt, int reminders) {
    static final State FRESH = new State(PostMortemInput.NONE, null, null, 0);

    State withInput(PostMortemInput merged) {
      return new State(merged, postedAt, nextReminderAt, reminders);
    }

    State drafted(Instant at, Instant firstReminderAt) {
      return new State(input, at, firstReminderAt, reminders);
    }

    State reminded(Instant nextAt) {
      return new State(input, postedAt, nextAt, reminders + 1);
    }

    /** No draft and nothing chased (a reopening); what people contributed stays. */
    State withdrawn() {
      return new State(input, null, null, reminders);
    }

    State withNextReminderAt(Instant at) {
      return new State(input, postedAt, at, reminders);
    }
  }

  private final IncidentPolicy policy;

  PostMortemReminders(IncidentPolicy policy) {
    this.policy = policy;
  }

  /** When the review is due: the severity's post-mortem deadline after the resolve. */
  Instant reviewDue(Incident incident, Instant now) {
    Instant resolved = incident.lifecycle.resolvedAt();
    return (resolved == null ? now : resolved)
        .plus(policy.forSeverity(incident.severity()).postMortemDue());
  }

  /**
   * Posts the draft at {@code now}, bookmarked in the room; the first reminder follows one interval
   * later.
   */
  void draft(Incident incident, Instant now, ChatLane chat) {
    incident.postMortem =
        incident.postMortem.drafted(now, now.plus(policy.postMortemReminderInterval()));
    incident.record(
        now,
        "post-mortem",
        null,
        "Post-mortem drafted; awaiting review by " + reviewDue(incident, now));
    chat.bookmarkedPost(
        "post-mortem",
        chatText(incident, PostMortemReport.render(incident, now)),
        "Post-mortem " + incident.id());
  }

  boolean reminderDue(Incident incident, Instant now) {
    Instant next = incident.postMortem.nextReminderAt();
    return incident.status() == IncidentStatus.POST_MORTEM && next != null && !now.isBefore(next);
  }

  /**
   * Reminds the commander when a reminder is due, saying when the review is due, and schedules the
   * next.
   */
  void remindIfDue(Incident incident, Instant now, ChatLane chat) {
    if (!reminderDue(incident, now)) {
      return;
    }
    Instant due = reviewDue(incident, now);
    String when = now.isAfter(due) ? "overdue since " + due : "due by " + due;
    incident.record(now, "post-mortem-reminder", null, "Post-mortem review " + when);
    chat.post("post-mortem-reminder", reminderText(incident, when), false);
    incident.postMortem =
        incident.postMortem.reminded(now.plus(policy.postMortemReminderInterval()));
  }

  /** The review closes the incident and stops the reminders. */
  static void reviewed(Incident incident, String by, Instant now, ChatLane chat) {
    incident.lifecycle = incident.lifecycle.closed(by, now);
    incident.postMortem = incident.postMortem.withNextReminderAt(null);
    incident.record(now, "closed", by, "Post-mortem reviewed by " + by + "; incident closed");
    chat.post(
        "closed",
        "📘 Post-mortem of " + incident.id() + " reviewed by " + by + ". Incident closed.",
        true);
  }

  /** Adds a responder's contribution to the report, clipped. */
  static void contribute(Incident incident, PostMortemInput input, Instant now) {
    List<String> tasks =
        input.preventionTasks() == null
            ? List.of()
            : input.preventionTasks().stream().limit(50).map(t -> Clip.of(t, 500)).toList();
    merge(
        incident,
        new PostMortemInput(
            input.by(),
            Clip.of(input.impact(), Clip.HISTORY_TEXT),
            Clip.of(input.rootCause(), Clip.HISTORY_TEXT),
            Clip.of(input.resolution(), Clip.HISTORY_TEXT),
            tasks,
            Clip.of(input.lessonsLearned(), Clip.HISTORY_TEXT)));
    incident.record(now, "post-mortem-input", input.by(), "Post-mortem details added");
  }

  /** Merges a contribution (already clipped) into what the post-mortem knows. */
  static void merge(Incident incident, PostMortemInput contribution) {
    PostMortemReminders.State known = incident.postMortem;
    incident.postMortem = known.withInput(known.input().merged(contribution));
  }

  static String reminderText(Incident incident, String when) {
    String who = UpdateCadence.commanderOrRole(incident);
    return "📝 " + who + ": the post-mortem of " + incident.id() + " awaits review (" + when + ").";
  }

  /** The draft as posted in chat: clipped, with where the full report is. */
  static String chatText(Incident incident, String report) {
    return Clip.of(report, MAX_REPORT_IN_CHAT)
        + "\n\nFull report: GET /api/v1/incidents/"
        + incident.id()
        + "/postmortem";
  }
}
