package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.notify.MessageControls;
import dev.firebreak.workflows.playbook.ActionRunReport;
import dev.firebreak.workflows.playbook.ActionRunStatus;
import dev.firebreak.workflows.rollback.RollbackReport;
import dev.firebreak.workflows.rollback.RollbackStatus;
import java.time.Instant;

/**
 * What the responders' own commands change and say: a new severity, commander or mitigation, and a
 * rollback's report. Each is clipped, goes into the timeline and is posted in the thread.
 */
final class ResponderRecords {

  private ResponderRecords() {}

  static void severity(Incident incident, SeverityChange change, Instant now, ChatLane chat) {
    Severity previous = incident.severity();
    incident.lifecycle = incident.lifecycle.withSeverity(change.severity());
    String text =
        "Severity "
            + previous
            + " → "
            + change.severity()
            + (change.reason() == null || change.reason().isBlank() ? "" : ": " + change.reason());
    incident.record(now, "severity", change.by(), text);
    chat.post("severity", "⚠️ " + text + " (" + change.by() + ")", true);
  }

  static void commander(
      Incident incident, CommanderAssignment assignment, Instant now, ChatLane chat) {
    incident.lifecycle = incident.lifecycle.withCommander(assignment.commander());
    incident.record(
        now, "commander", assignment.by(), assignment.commander() + " is incident commander");
    chat.post("commander", "👤 " + assignment.commander() + " is now incident commander.", true);
  }

  static void mitigation(Incident incident, Mitigation mitigation, Instant now, ChatLane chat) {
    Mitigation clipped =
        new Mitigation(
            mitigation.by(),
            Clip.of(mitigation.action(), 500),
            Clip.of(mitigation.detail(), Clip.HISTORY_TEXT));
    incident.lifecycle = incident.lifecycle.withMitigation(clipped);
    String text =
        clipped.action()
            + (clipped.detail() == null || clipped.detail().isBlank()
                ? ""
                : ": " + clipped.detail());
    incident.record(now, "mitigation", mitigation.by(), text);
    chat.post("mitigation", "🔧 Mitigation by " + mitigation.by() + ": " + text, true);
  }

  static void rollbackReport(Incident incident, RollbackReport report, Instant now, ChatLane chat) {
    String text = Clip.of(report.text(), Clip.HISTORY_TEXT);
    incident.record(now, "rollback", report.by(), text + " (" + report.workflowId() + ")");
    chat.post("rollback", (report.status() == RollbackStatus.SUCCEEDED ? "⏪ " : "") + text, true);
  }

  /**
   * An approval request is asked with buttons; an ending is posted, and a run that succeeded is a
   * mitigation applied, so the post-mortem's resolution lists it.
   */
  static void actionRunReport(
      Incident incident, ActionRunReport report, Instant now, ChatLane chat) {
    String text = Clip.of(report.text(), Clip.HISTORY_TEXT);
    incident.record(now, "action", report.by(), text + " (" + report.runId() + ")");
    if (report.status() == ActionRunStatus.AWAITING_APPROVAL) {
      chat.askForApproval("action-approval", report.runId(), text);
      return;
    }
    chat.post("action", text, true, undoOffered(incident, report));
    if (report.status() == ActionRunStatus.SUCCEEDED) {
      incident.lifecycle =
          incident.lifecycle.withMitigation(
              new Mitigation(report.by(), "Action " + report.action(), text));
    }
  }

  /**
   * An Undo button for a run that succeeded and whose action (in the incident's playbook) names an
   * undo; the run itself says the same in its report's text, which is all a provider without
   * buttons shows.
   */
  private static MessageControls undoOffered(Incident incident, ActionRunReport report) {
    if (report.status() != ActionRunStatus.SUCCEEDED || incident.playbook == null) {
      return null;
    }
    boolean undoable =
        incident.playbook.spec().actions().stream()
            .anyMatch(a -> a.name().equals(report.action()) && a.undo() != null);
    return undoable ? MessageControls.undo(report.runId()) : null;
  }
}
