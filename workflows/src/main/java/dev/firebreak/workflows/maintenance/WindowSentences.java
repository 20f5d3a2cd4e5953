package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import java.time.Duration;
import java.time.Instant;

/**
 * What a window says to people at each moment, in one place so the announcements, the prompts and
 * the endings read alike. The planned end is passed in because an extension moves it.
 */
final class WindowSentences {

  private final MaintenanceRequest request;
  private final MaintenancePlan plan;

  WindowSentences(MaintenanceRequest request, MaintenancePlan plan) {
    this.request = request;
    this.plan = plan;
  }

  String scheduled(Instant end) {
    return "Scheduled by "
        + request.requestedBy()
        + ": "
        + request.title()
        + " on "
        + services()
        + ", "
        + request.start()
        + " to "
        + end;
  }

  String scheduledDuringIncidents() {
    return "Scheduled while "
        + String.join(", ", request.openIncidents())
        + " were open; "
        + request.requestedBy()
        + " confirmed";
  }

  String beyondLimits(String problem) {
    return "Maintenance " + request.id() + " cannot run: " + problem + ". Nothing was changed.";
  }

  String announcement(String when, Instant end) {
    return "🗓️ Planned maintenance "
        + request.id()
        + ": "
        + request.title()
        + " on "
        + services()
        + ", "
        + when
        + ", planned end "
        + end
        + ".";
  }

  String startsNow(Duration closestOffset) {
    return "starts "
        + request.start()
        + " (less than "
        + HumanDuration.of(closestOffset)
        + " ahead)";
  }

  String startsIn(Duration offset) {
    return "starts in " + HumanDuration.of(offset);
  }

  String started(Instant end) {
    return "🛠️ Maintenance "
        + request.id()
        + " ("
        + request.title()
        + ") has started on "
        + services()
        + "; planned end "
        + end
        + ".";
  }

  String abortedBefore(Abort abort, String when) {
    return "Maintenance "
        + request.id()
        + " aborted by "
        + abort.by()
        + " "
        + when
        + ": "
        + abort.reason()
        + ". Nothing was changed.";
  }

  String abortedAfterChanges(Abort abort, String rollbacks) {
    return "Maintenance "
        + request.id()
        + " aborted by "
        + abort.by()
        + ": "
        + abort.reason()
        + "."
        + (plan.maintenanceModeOn() == null ? "" : " Maintenance mode is off.")
        + rollbacks;
  }

  /** A step that sent nothing, before anything changed. */
  String nothingChanged(String failure) {
    return failure
        + ". Nothing was changed"
        + (plan.maintenanceModeOn() == null ? "." : "; maintenance mode is off.");
  }

  String calledOff(String why) {
    return "⛔ Maintenance " + request.id() + " (" + request.title() + ") is called off: " + why;
  }

  String failed(String failure, String rollbacks, String incidentId) {
    return "🚨 Maintenance "
        + request.id()
        + " ("
        + request.title()
        + ") FAILED: "
        + failure
        + "."
        + rollbacks
        + (incidentId == null ? "" : " Incident " + incidentId + " declared.");
  }

  String allClear() {
    return "✅ All clear: maintenance "
        + request.id()
        + " ("
        + request.title()
        + ") is complete; "
        + services()
        + " healthy after "
        + HumanDuration.of(plan.monitoringPeriod())
        + " of monitoring.";
  }

  String waitingForPerson(MaintenanceStep step) {
    return "Waiting up to "
        + HumanDuration.of(plan.manualStepTimeout())
        + " for a person to confirm: "
        + step.name()
        + (step.instruction() == null ? "" : " (" + step.instruction() + ")");
  }

  String confirmPrompt(MaintenanceStep step) {
    return "✋ Maintenance "
        + request.id()
        + " waits for: "
        + step.name()
        + (step.instruction() == null ? "" : " — " + step.instruction())
        + ". When done: firebreak maintenance confirm "
        + request.id()
        + " --step '"
        + step.name()
        + "'";
  }

  static String unhealthy(HealthCheck check, HealthResult result) {
    String why =
        result.failingChecks().isEmpty()
            ? result.summary()
            : String.join(", ", result.failingChecks());
    return check.service() + " is unhealthy (" + why + ")";
  }

  static String healthy(HealthCheck check, HealthResult result) {
    return "✅ " + check.service() + " healthy (" + result.summary() + ")";
  }

  String overrun(Instant plannedEnd, MaintenanceStatus status, String waitingFor) {
    return "⏰ Maintenance "
        + request.id()
        + " reached its planned end ("
        + plannedEnd
        + ") and is not done: "
        + status
        + (waitingFor == null ? "" : ", waiting for '" + waitingFor + "'")
        + ". Extend it (firebreak maintenance extend "
        + request.id()
        + ") or abort it.";
  }

  String extended(Extension extension) {
    return "⏳ Maintenance "
        + request.id()
        + " extended to "
        + extension.until()
        + " by "
        + extension.by()
        + reason(extension)
        + ".";
  }

  String extendedEntry(Extension extension) {
    return "Extended to " + extension.until() + " by " + extension.by() + reason(extension);
  }

  String incidentNoticed(IncidentNotice notice, MaintenanceStatus status) {
    return notice.severity()
        + " "
        + notice.incidentId()
        + " declared on "
        + notice.service()
        + " while the window is "
        + status
        + ": "
        + notice.title();
  }

  private static String reason(Extension extension) {
    return extension.reason() == null || extension.reason().isBlank()
        ? ""
        : ": " + extension.reason();
  }

  private String services() {
    return String.join(", ", request.services());
  }
}
