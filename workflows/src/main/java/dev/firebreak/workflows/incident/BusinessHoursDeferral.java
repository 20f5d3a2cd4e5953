package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.oncall.BusinessHours;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * "P3: next business day": a severity that pages only in business hours, declared outside them,
 * tells the channel at once and pages at the next business instant (holidays skipped). The wait is
 * the ack timeout itself, set to run out then, so an acknowledgement before it cancels the page
 * exactly as it stops any escalation, and a continued run keeps waiting.
 */
final class BusinessHoursDeferral {

  // Workflow code: a fixed locale, so every worker writes the same words.
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final IncidentPolicy policy;
  private final IncidentChanges changes;

  BusinessHoursDeferral(IncidentPolicy policy, IncidentChanges changes) {
    this.policy = policy;
    this.changes = changes;
  }

  /**
   * Whether the first page waits for business hours. When it does, the ack timeout runs out at the
   * next business instant, and the timeline and the channel say until when; nothing is paged now.
   */
  boolean defer(Incident incident, Instant now, ChatLane chat) {
    BusinessHours hours = policy.forSeverity(incident.severity()).businessHours();
    if (hours == null) {
      return false;
    }
    Instant start = hours.nextBusinessInstant(now);
    if (!start.isAfter(now) || !defersByVersion()) {
      return false;
    }
    incident.escalation = incident.escalation.withNextAt(start);
    String text =
        "Paging deferred to "
            + WHEN.format(start.atZone(ZoneId.of(hours.timeZone())))
            + " ("
            + hours.timeZone()
            + "): "
            + incident.severity()
            + " outside business hours";
    incident.record(now, "paging-deferred", null, text);
    chat.post("paging-deferred", "🌙 " + text + ". Acknowledge it to cancel the page.", true);
    return true;
  }

  /** Why the first page goes out late: the business hours it waited for have begun. */
  static String reason(Severity severity) {
    return "business hours began (" + severity + " pages only in business hours)";
  }

  /**
   * Asked only when a severity with business hours is declared (or raised to) outside them: no run
   * before the change has business hours in its policy.
   */
  private boolean defersByVersion() {
    return changes.on(IncidentVersions.BUSINESS_HOURS);
  }
}
