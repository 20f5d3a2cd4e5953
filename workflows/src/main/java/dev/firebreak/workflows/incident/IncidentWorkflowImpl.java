package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.playbook.ActionOrder;
import dev.firebreak.workflows.playbook.ActionRunReport;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackReport;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;

/**
 * The runbooks' incident response, step by step: announce and page, escalate until someone
 * acknowledges, assess, mitigate, keep people updated, resolve only when healthy, monitor, write
 * the post-mortem and chase its review.
 *
 * <p>This class is the loop and the command handlers. Each runbook step decides in its own class
 * ({@link Escalation}, {@link UpdateCadence}, {@link Monitoring}, {@link PostMortemReminders},
 * {@link Pager}, {@link ChatLane}, {@link IncidentDiagnostics}, {@link IncidentCommandRules},
 * {@link AlertIntake}); {@link Deadlines} is the one timer, {@link DeclarationGate} holds early
 * commands, and {@link IncidentEffects}, {@link PageDelivery}, {@link DiagnosticRuns} and {@link
 * RunningIncidentAlerts} issue the commands. One loop owns every timer, so there is one decision
 * per wake-up and history stays small. Handlers change state and queue messages; chat delivery runs
 * on its own lane and pages are fire-and-record, so a slow or failing Slack never delays a page or
 * a command's answer.
 */
public class IncidentWorkflowImpl extends ValidatedIncidentWorkflow {

  private static final Logger log = Workflow.getLogger(IncidentWorkflowImpl.class);

  private final IncidentChanges changes;
  private final IncidentPolicy policy;
  private final Incident incident;
  private final PublicStatus publicStatus;
  private final Escalation escalation;
  private final BusinessHoursDeferral deferral;
  private final UpdateCadence cadence;
  private final Monitoring monitoring;
  private final PostMortemReminders postMortem;
  private final ChatLane chat;
  private final IncidentCommandRules refusals;
  private final IncidentEffects effects;
  private final PageDelivery pages;
  private final DiagnosticRuns diagnostics;
  private final RunningIncidentAlerts alerts;
  private final DeclarationGate gate;
  private final Deadlines deadlines = new Deadlines();

  @WorkflowInit
  public IncidentWorkflowImpl(IncidentInput state) {
    this.policy = state.policy();
    this.changes = IncidentChanges.askedAtRunStart(policy);
    IncidentProgress resumed = state.resumed();
    this.incident =
        resumed == null
            ? Incident.declare(state.declaration(), now())
            : Incident.resume(state.declaration(), resumed);
    this.escalation = new Escalation(policy);
    this.deferral = new BusinessHoursDeferral(policy, changes);
    this.cadence = new UpdateCadence(policy);
    this.monitoring = new Monitoring(policy);
    this.postMortem = new PostMortemReminders(policy);
    this.chat = new ChatLane(incident, policy);
    this.refusals = new IncidentCommandRules(incident, policy);
    this.effects = new IncidentEffects(incident, policy, chat, changes);
    this.pages =
        new PageDelivery(incident, policy, new Pager(policy), escalation, effects, changes);
    this.diagnostics =
        new DiagnosticRuns(incident, policy, new IncidentDiagnostics(policy), changes);
    this.alerts =
        new RunningIncidentAlerts(
            incident, policy, effects, deadlines, this::reopenInto, this::resolve, changes);
    this.gate = new DeclarationGate(resumed != null, changes);
    this.publicStatus =
        new PublicStatus(incident, policy, IncidentWorkflowImpl::now, effects::recordDryRun);
    if (state.openingAlert() != null) {
      incident.recordAlert(now(), state.openingAlert());
    }
    if (resumed == null && policy.playbook() != null) {
      Playbooks.matchedAtDeclaration(incident, policy.playbook());
    }
  }

  @Override
  public IncidentOutcome run(IncidentInput state) {
    Async.procedure(effects::deliverChat);
    if (effects.providersEnabled()) {
      Async.procedure(publicStatus::deliver);
    }
    effects.startRun();
    pages.startRun();
    if (state.resumed() == null) {
      announce();
    } else if (incident.chat.incidentMessage() == null) {
      chat.announce();
    }
    effects.publishSearchAttributes();
    effects.publishStatusMemo();
    while (incident.status() != IncidentStatus.CLOSED) {
      // Before the wait: an alert delivered with the start is handled before run() begins.
      alerts.resolveIfTheAlertResolved();
      deadlines.sleep(() -> Deadlines.next(incident, cadence, now()));
      Instant now = now();
      assessOnceAcknowledged();
      escalateIfUnacknowledged(now);
      remindIfUpdateOverdue(now);
      monitorAfterResolve(now);
      postMortem.remindIfDue(incident, now, chat);
      effects.publishStatusMemo();
      continueAsNewIfHistoryIsLong();
    }
    Workflow.await(this::isQuiet);
    alerts.openNextIncidentIfItFiredAgain();
    return new IncidentOutcome(
        incident.id(),
        incident.timeToAcknowledge(),
        incident.timeToResolve(),
        PostMortemReport.render(incident, now()));
  }

  // ---- Runbook steps -------------------------------------------------------------------------

  private void announce() {
    chat.announce();
    Playbooks.postMatched(incident, chat, changes);
    if (escalation.pagesDeclaration(incident, gate.acknowledgedBeforeDeclaration(), now())
        && !deferral.defer(incident, now(), chat)) {
      pages.pageLevel(
          escalation.firstLevelFor(incident.severity()),
          "new " + incident.severity() + " incident",
          now());
      escalation.restartAckTimeout(incident, now());
    }
    if (effects.providersEnabled()) {
      publicStatus.openIfPublic();
    }
    IncidentMetrics.declared(incident.severity());
    effects.tellRunningWindowsIfCritical();
    gate.open();
    log.info(
        "{} declared: {} on {}",
        incident.id(),
        incident.severity(),
        incident.declaration.service());
  }

  private void escalateIfUnacknowledged(Instant now) {
    if (!escalation.ackTimeoutExpired(incident, now)) {
      return;
    }
    String movedOn = pages.takeMovedOnReason();
    // Nobody paged yet while the ack timeout ran: it was the wait for business hours.
    boolean deferred = incident.escalation.level() < 0;
    OptionalInt next = escalation.onAckTimeout(incident, now, chat);
    if (next.isEmpty()) {
      log.warn("{} escalation exhausted after {} rounds", incident.id(), policy.escalationRounds());
      return;
    }
    String reason =
        deferred
            ? BusinessHoursDeferral.reason(incident.severity())
            : movedOn != null ? movedOn : escalation.ackTimeoutReason(incident.severity());
    pages.pageLevel(next.getAsInt(), reason, now);
    escalation.restartAckTimeout(incident, now);
  }

  private void assessOnceAcknowledged() {
    if (incident.status() != IncidentStatus.ACKNOWLEDGED || incident.assessment.assessed()) {
      return;
    }
    incident.assessment = incident.assessment.started();
    setStatus(IncidentStatus.ASSESSING);
    Assessment assessment = diagnostics.runDiagnostics(effects.providersEnabled());
    IncidentDiagnostics.assessed(incident, assessment, now(), chat);
    if (incident.status() == IncidentStatus.ASSESSING) {
      setStatus(IncidentStatus.MITIGATING);
    }
    log.info("{} assessed: {}", incident.id(), assessment.headline());
  }

  private void remindIfUpdateOverdue(Instant now) {
    if (!cadence.overdue(incident, now)) {
      return;
    }
    cadence.remind(incident, now, chat);
    IncidentMetrics.updateMissed(incident.severity());
    OptionalInt level =
        escalation.levelForMissedUpdate(
            incident.isAcknowledged(), incident.escalation.level(), incident.updates.missed());
    if (level.isPresent()) {
      pages.pageForMissedUpdates(level.getAsInt(), now);
    }
  }

  private void monitorAfterResolve(Instant now) {
    if (!monitoring.checkDue(incident, now)) {
      return;
    }
    boolean periodOver = monitoring.periodOver(incident, now);
    List<HealthResult> failing = IncidentDiagnostics.failing(diagnostics.runHealthChecks(false));
    switch (monitoring.afterChecks(incident, periodOver, failing)) {
      case REOPEN -> {
        String reason = Monitoring.reopenReason(failing);
        reopenInto(null, reason);
        log.warn("{} reopened: {}", incident.id(), reason);
      }
      case PASSED -> writePostMortem();
      case NEXT_CHECK -> monitoring.scheduleNextCheck(incident, now());
      case WAIT -> {}
    }
  }

  private void writePostMortem() {
    Instant now = now();
    incident.record(now, "monitoring-passed", null, monitoring.passedText());
    setStatus(IncidentStatus.POST_MORTEM);
    postMortem.draft(incident, now, chat);
    log.info("{} monitoring passed; post-mortem posted", incident.id());
  }

  private void continueAsNewIfHistoryIsLong() {
    if (!effects.historyIsLong() || incident.status() == IncidentStatus.CLOSED) {
      return;
    }
    Workflow.await(() -> isQuiet() && Workflow.isEveryHandlerFinished());
    log.info(
        "{} continuing as new after {} history events",
        incident.id(),
        Workflow.getInfo().getHistoryLength());
    effects.continueAsNew(
        incident.declaration,
        incident.severity(),
        incident.declaredAt(),
        new IncidentInput(incident.declaration, policy, incident.progress()));
  }

  // ---- Commands ------------------------------------------------------------------------------

  @Override
  public IncidentView acknowledge(Acknowledgement ack) {
    if (gate.awaitAcknowledgement(ack.by())) {
      refusals.requireNotAcknowledged();
    }
    acknowledgeBy(ack.by());
    return incident.view();
  }

  private void acknowledgeBy(String by) {
    Instant now = now();
    Escalation.acknowledged(incident, by, now, chat);
    setStatus(IncidentStatus.ACKNOWLEDGED);
    IncidentMetrics.acknowledged(incident.severity(), incident.timeToAcknowledge());
    pages.followUp(by, false);
    log.info("{} acknowledged by {}", incident.id(), by);
  }

  @Override
  public IncidentView postUpdate(ResponderUpdate update) {
    gate.await();
    ResponderUpdate clipped = cadence.record(incident, update, now(), chat);
    if (effects.providersEnabled()) {
      publicStatus.post(clipped.text());
    }
    chat.refreshCard();
    // The moved due time wakes the loop by itself, except during monitoring, where it is not timed;
    // the loop has always run (and checked the history's length) after every update, so it still
    // does.
    deadlines.interrupt();
    return incident.view();
  }

  @Override
  public IncidentView changeSeverity(SeverityChange change) {
    gate.await();
    ResponderRecords.severity(incident, change, now(), chat);
    if (escalation.severityChanged(incident, now()) && !deferral.defer(incident, now(), chat)) {
      pages.pageLevel(
          escalation.firstLevelFor(incident.severity()),
          "severity raised to " + change.severity(),
          now());
    }
    if (effects.providersEnabled()) {
      publicStatus.openIfPublic();
    }
    chat.refreshCard();
    effects.publishSearchAttributes();
    deadlines.interrupt(); // the status memo shows the severity
    return incident.view();
  }

  @Override
  public IncidentView assignCommander(CommanderAssignment assignment) {
    gate.await();
    ResponderRecords.commander(incident, assignment, now(), chat);
    chat.refreshCard();
    return incident.view();
  }

  @Override
  public IncidentView recordMitigation(Mitigation mitigation) {
    gate.await();
    ResponderRecords.mitigation(incident, mitigation, now(), chat);
    if (effects.providersEnabled()) {
      publicStatus.follow();
    }
    return incident.view();
  }

  @Override
  public IncidentView resolve(Resolution resolution) {
    gate.await();
    List<HealthResult> failing = IncidentDiagnostics.failing(diagnostics.runHealthChecks(true));
    if (!incident.status().isOpen()) {
      throw IncidentCommandRules.refusal(
          incident.id() + " became " + incident.status().label() + " while its health was checked");
    }
    if (!failing.isEmpty()) {
      log.info(
          "{} resolve by {} refused: {}",
          incident.id(),
          resolution.by(),
          IncidentDiagnostics.describe(failing));
      throw refusals.unhealthy(resolution.by(), failing, now(), chat);
    }
    if (!incident.isAcknowledged()) {
      acknowledgeBy(resolution.by());
    }
    monitoring.resolved(incident, resolution, now(), chat);
    setStatus(IncidentStatus.MONITORING);
    IncidentMetrics.resolved(incident.severity(), incident.timeToResolve());
    pages.followUp(resolution.by(), true);
    log.info(
        "{} resolved by {}; monitoring until {}",
        incident.id(),
        resolution.by(),
        incident.monitoring.endsAt());
    return incident.view();
  }

  @Override
  public IncidentView reopen(Reopening reopening) {
    reopenInto(reopening.by(), reopening.reason());
    return incident.view();
  }

  private void reopenInto(String by, String reason) {
    Instant now = now();
    Monitoring.reopened(incident, by, reason, now, chat);
    setStatus(IncidentStatus.MITIGATING);
  }

  @Override
  public IncidentView contributeToPostMortem(PostMortemInput input) {
    gate.await();
    PostMortemReminders.contribute(incident, input, now());
    return incident.view();
  }

  @Override
  public IncidentView markPostMortemReviewed(PostMortemReview review) {
    Instant now = now();
    PostMortemReminders.reviewed(incident, review.by(), now, chat);
    setStatus(IncidentStatus.CLOSED);
    log.info("{} closed; post-mortem reviewed by {}", incident.id(), review.by());
    return incident.view();
  }

  /** No getVersion guard: the handler is new, so no recorded history has its commands. */
  @Override
  public IncidentView attachPlaybook(PlaybookAttachment attachment) {
    gate.await();
    Playbooks.attach(incident, attachment, now(), chat);
    return incident.view();
  }

  /** No getVersion guard: the handler is new, so no recorded history has its commands. */
  @Override
  public IncidentView tickChecklist(ChecklistTick tick) {
    gate.await();
    Playbooks.tick(incident, tick, now(), chat);
    return incident.view();
  }

  @Override
  public void addNote(Note note) {
    if (note == null || IncidentCommandRules.isBlank(note.text())) {
      log.warn("{} ignored an empty note", incident.id());
      return;
    }
    incident.record(now(), "note", note.by(), Clip.of(note.text(), Clip.HISTORY_TEXT));
  }

  /**
   * Starts the rollback as a child that outlives this run (an incident may continue as new or close
   * first) and answers once it has started; the rollback reports its end with {@link
   * #recordRollback}. No getVersion guard: the handler is new, so no recorded history has its
   * commands.
   */
  @Override
  public IncidentView rollback(RollbackOrder order) {
    gate.await();
    if (effects.startRollback(order)) {
      incident.record(
          now(),
          "rollback-requested",
          order.request().requestedBy(),
          "Rollback of "
              + order.request().service()
              + " started ("
              + order.workflowId()
              + "): "
              + order.request().reason());
    } else {
      log.info("{} rollback {} was already started", incident.id(), order.workflowId());
    }
    return incident.view();
  }

  @Override
  public void recordRollback(RollbackReport report) {
    if (report == null || IncidentCommandRules.isBlank(report.text())) {
      log.warn("{} ignored an empty rollback report", incident.id());
      return;
    }
    ResponderRecords.rollbackReport(incident, report, now(), chat);
    log.info("{} rollback {} ended {}", incident.id(), report.workflowId(), report.status());
  }

  /**
   * Starts the action's run as a child that outlives this run, like a rollback; the run reports its
   * approval request and its end with {@link #recordActionRun}. The request goes on the timeline
   * before the start, because the run's first report can arrive while this handler waits for the
   * start. No getVersion guard: the handler is new, so no recorded history has its commands.
   */
  @Override
  public IncidentView runAction(ActionOrder order) {
    gate.await();
    String runId = "(" + order.workflowId() + ")";
    boolean requested =
        incident.timeline().stream()
            .anyMatch(e -> e.kind().equals("action-requested") && e.text().contains(runId));
    if (requested) {
      log.info("{} action run {} was already requested", incident.id(), order.workflowId());
      return incident.view();
    }
    incident.record(
        now(),
        "action-requested",
        order.requestedBy(),
        Clip.of(
            "Action "
                + order.action().name()
                + " started "
                + runId
                + (IncidentCommandRules.isBlank(order.reason()) ? "" : ": " + order.reason()),
            Clip.HISTORY_TEXT));
    if (!effects.startActionRun(order)) {
      log.info("{} action run {} was already started", incident.id(), order.workflowId());
    }
    return incident.view();
  }

  @Override
  public void recordActionRun(ActionRunReport report) {
    if (report == null || IncidentCommandRules.isBlank(report.text())) {
      log.warn("{} ignored an empty action report", incident.id());
      return;
    }
    ResponderRecords.actionRunReport(incident, report, now(), chat);
    log.info("{} action run {} is {}", incident.id(), report.runId(), report.status());
  }

  @Override
  public void alert(AlertReceived alert) {
    alerts.received(alert);
  }

  @Override
  public IncidentView state() {
    return incident.view();
  }

  @Override
  public List<TimelineEntry> timeline() {
    return List.copyOf(incident.timeline());
  }

  @Override
  public String postMortem() {
    return PostMortemReport.render(incident, now());
  }

  // ---- State that others read ----------------------------------------------------------------

  private void setStatus(IncidentStatus status) {
    incident.lifecycle = incident.lifecycle.withStatus(status);
    if (effects.providersEnabled()) {
      publicStatus.follow();
    }
    chat.refreshCard();
    effects.statusChanged();
    deadlines.interrupt(); // the status memo shows the status
  }

  @Override
  IncidentCommandRules refusals() {
    return refusals;
  }

  private boolean isQuiet() {
    return chat.isEmpty() && pages.settled() && publicStatus.isIdle();
  }

  private static Instant now() {
    return IncidentEffects.now();
  }
}
