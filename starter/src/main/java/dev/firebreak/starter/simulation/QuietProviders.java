package dev.firebreak.starter.simulation;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.diagnostics.DependencyStatus;
import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.DeployQuery;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.diagnostics.ErrorCount;
import dev.firebreak.workflows.diagnostics.ErrorCountActivities;
import dev.firebreak.workflows.diagnostics.ErrorCountQuery;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.diagnostics.Probe;
import dev.firebreak.workflows.diagnostics.ProbeResult;
import dev.firebreak.workflows.diagnostics.StatusPageCheck;
import dev.firebreak.workflows.maintenance.IncidentNotice;
import dev.firebreak.workflows.maintenance.MaintenanceNoticeActivities;
import dev.firebreak.workflows.maintenance.SilencedAlert;
import dev.firebreak.workflows.notify.ApprovalRequest;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.ThreadMessage;
import dev.firebreak.workflows.statuspage.MaintenanceReschedule;
import dev.firebreak.workflows.statuspage.PublicIncident;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import dev.firebreak.workflows.statuspage.PublicIncidentUpdate;
import dev.firebreak.workflows.statuspage.ScheduledMaintenance;
import dev.firebreak.workflows.statuspage.StatusPageActivities;
import java.time.Instant;
import java.util.List;

/**
 * Every provider a simulated incident talks to besides the pager, answering as a dry run: nothing
 * leaves the process. The incident message is a dry run too, so the workflow posts no updates under
 * it, which keeps a simulated day short.
 */
final class QuietProviders
    implements ChatActivities,
        DiagnosticsActivities,
        ErrorCountActivities,
        StatusPageActivities,
        MaintenanceNoticeActivities {

  private static final Delivery NOTHING_SENT = Delivery.dryRun("simulation: nothing sent");

  private volatile boolean escalationExhausted;

  @Override
  public MessageRef postIncidentMessage(IncidentCard card) {
    return openIncidentMessage(card);
  }

  @Override
  public MessageRef openIncidentMessage(IncidentCard card) {
    return new MessageRef(card.channel(), "simulated", true);
  }

  @Override
  public Delivery announceIncidentMessage(IncidentCard card, MessageRef message) {
    return NOTHING_SENT;
  }

  @Override
  public Delivery updateIncidentMessage(MessageRef message, IncidentCard card) {
    return NOTHING_SENT;
  }

  @Override
  public Delivery askForApproval(ApprovalRequest request) {
    return NOTHING_SENT;
  }

  @Override
  public Delivery post(ThreadMessage message) {
    // The key names the step (<incident>/<step>-<n>) and never changes: chat providers dedup on it.
    if (message.key().contains("/escalation-exhausted-")) {
      escalationExhausted = true;
    }
    return NOTHING_SENT;
  }

  /**
   * Whether the incident told its channel that nobody acknowledged after the last round: seen here
   * without asking the workflow, so a simulation can stop as soon as the chain has been walked.
   */
  boolean escalationExhausted() {
    return escalationExhausted;
  }

  @Override
  public HealthResult checkHealth(HealthCheck check) {
    return new HealthResult(
        check.service(), true, 0, "simulation: not checked", List.of(), true, List.of());
  }

  @Override
  public DependencyStatus checkStatusPage(StatusPageCheck check) {
    return new DependencyStatus(check.dependency(), "none", "simulation: not checked", false, true);
  }

  @Override
  public DeployHistory recentDeploys(DeployQuery query) {
    return new DeployHistory(
        query.service(), query.platform(), List.of(), true, "simulation: not listed");
  }

  @Override
  public ProbeResult probe(Probe probe) {
    return new ProbeResult(
        probe.name(), probe.kind(), probe.critical(), true, "simulation: not probed", true);
  }

  @Override
  public ErrorCount recentErrors(ErrorCountQuery query) {
    return new ErrorCount(
        query.service(), query.project(), 0, query.window(), true, "simulation: not counted");
  }

  @Override
  public PublicIncidentRef open(PublicIncident incident) {
    return new PublicIncidentRef("simulated", true);
  }

  @Override
  public Delivery update(PublicIncidentUpdate update) {
    return NOTHING_SENT;
  }

  @Override
  public PublicIncidentRef scheduleMaintenance(ScheduledMaintenance maintenance) {
    return new PublicIncidentRef("simulated", true);
  }

  @Override
  public Delivery reschedule(MaintenanceReschedule reschedule) {
    return NOTHING_SENT;
  }

  @Override
  public void tellRunningWindows(IncidentNotice notice) {}

  @Override
  public Instant silence(SilencedAlert alert) {
    return null;
  }
}
