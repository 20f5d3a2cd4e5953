package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackReport;
import io.temporal.failure.ApplicationFailure;
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
 * {@link Pager}, {@link ChatLane}, {@link IncidentDiagnostics}, {@link IncidentCommandRules});
 * {@link Deadlines} is the one timer and {@link IncidentEffects} runs the activities. One loop owns
 * every timer, so there is one decision per wake-up and history stays small. Handlers change state
 * and queue messages; chat delivery runs on its own lane and pages are fire-and-record, so a slow
 * or failing Slack never delays a page or a command's answer.
 */
public class IncidentWorkflowImpl extends ValidatedIncidentWorkflow {

  private static final Logger log = Workflow.getLogger(IncidentWorkflowImpl.class);

  private final IncidentPolicy policy;
  private final Incident incident;
  private final PublicStatus publicStatus;
  private final Escalation escalation;
  private final UpdateCadence cadence;
  private final Monitoring monitoring;
  private final PostMortemReminders postMortem;
  private final Pager pager;
  private final ChatLane chat;
  private final IncidentCommandRules refusals;
  private final IncidentEffects effects;
  private final Deadlines deadlines = new Deadlines();

  /**
   * Whether the declaration has been announced (and paged); commands wait for it (see {@link
   * IncidentVersions#DECLARATION_FIRST}).
   */
  private boolean declared;

  /**
   * Who acknowledged while the declaration was still waiting for its first workflow task; null
   * otherwise.
   */
  private String acknowledgedBeforeDeclaration;

  /**
   * The sender of an alert whose resolution resolves the incident at the next wake-up; null
   * otherwise.
   */
  private String alertResolvedBy;

  private AlertReceived firedAfterClose;

  @WorkflowInit
  public IncidentWorkflowImpl(IncidentInput state) {
    this.policy = state.policy();
    IncidentProgress resumed = state.resumed();
    this.incident =
        resumed == null
            ? Incident.declare(state.declaration(), now())
            : Incident.resume(state.declaration(), resumed);
    this.escalation = new Escalation(policy);
    this.cadence = new UpdateCadence(policy);
    this.monitoring = new Monitoring(policy);
    this.postMortem = new PostMortemReminders(policy);
    this.pager = new Pager(policy);
    this.chat = new ChatLane(incident, policy);
    this.refusals = new IncidentCommandRules(incident, policy);
    this.effects =
        new IncidentEffects(incident, policy, chat, pager, new IncidentDiagnostics(policy));
    this.publicStatus =
        new PublicStatus(incident, policy, IncidentWorkflowImpl::now, effects::recordDryRun);
    if (state.openingAlert() != null) {
      incident.recordAlert(now(), state.openingAlert());
    }
    this.declared = resumed != null;
  }

  @Override
  public IncidentOutcome run(IncidentInput state) {
    Async.procedure(effects::deliverChat);
    if (effects.providersEnabled()) {
      Async.procedure(publicStatus::deliver);
    }
    effects.startRun();
    if (state.resumed() == null) {
      announce();
    } else if (incident.chat.incidentMessage() == null) {
      chat.announce();
    }
    effects.publishSearchAttributes();
    effects.publishStatusMemo();
    while (incident.status() != IncidentStatus.CLOSED) {
      // Before the wait: an alert delivered with the start is handled before run() begins.
      resolveIfTheAlertResolved();
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
    if (firedAfterClose != null) {
      openNextIncidentForTheAlert();
    }
    return new IncidentOutcome(
        incident.id(),
        incident.timeToAcknowledge(),
        incident.timeToResolve(),
        PostMortemReport.render(incident, now()));
  }

  // ---- Runbook steps -------------------------------------------------------------------------

  private void announce() {
    chat.announce();
    if (escalation.pagesDeclaration(incident, acknowledgedBeforeDeclaration, now())) {
      pageLevel(0, "new " + incident.severity() + " incident");
      escalation.restartAckTimeout(incident, now());
    }
    if (effects.providersEnabled()) {
      publicStatus.openIfPublic();
    }
    IncidentMetrics.declared(incident.severity());
    effects.tellRunningWindowsIfCritical();
    declared = true;
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
    OptionalInt next = escalation.onAckTimeout(incident, now, chat);
    if (next.isEmpty()) {
      log.warn("{} escalation exhausted after {} rounds", incident.id(), policy.escalationRounds());
      return;
    }
    pageLevel(next.getAsInt(), escalation.ackTimeoutReason(incident.severity()));
    escalation.restartAckTimeout(incident, now);
  }

  private void pageLevel(int level, String reason) {
    String text = pager.record(incident, level, reason, now());
    EscalationLevel target = policy.escalation().get(level);
    if (Pager.isEscalation(incident, level)) {
      IncidentMetrics.escalated(incident.severity(), "no-ack");
    }
    log.info("{} {}", incident.id(), text);
    effects.page(Pager.escalationKey(incident, level), target, reason);
  }

  private void assessOnceAcknowledged() {
    if (incident.status() != IncidentStatus.ACKNOWLEDGED || incident.assessment.assessed()) {
      return;
    }
    incident.assessment = incident.assessment.started();
    setStatus(IncidentStatus.ASSESSING);
    Assessment assessment = effects.runDiagnostics(effects.providersEnabled());
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
      EscalationLevel target = pager.recordMissedUpdatePage(incident, level.getAsInt(), now);
      effects.page(
          Pager.missedUpdateKey(incident),
          target,
          Escalation.missedUpdateReason(incident.updates.missed()));
      IncidentMetrics.escalated(incident.severity(), "missed-update");
      log.warn("{} missed update escalated to {}", incident.id(), target.name());
    }
  }

  private void monitorAfterResolve(Instant now) {
    if (!monitoring.checkDue(incident, now)) {
      return;
    }
    boolean periodOver = monitoring.periodOver(incident, now);
    List<HealthResult> failing = IncidentDiagnostics.failing(effects.runHealthChecks(false));
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

  /**
   * The alert resolved and the config lets that resolve the incident: the same resolve a responder
   * asks for, so it is refused (and says so in the timeline) while health checks fail.
   */
  private void resolveIfTheAlertResolved() {
    String by = alertResolvedBy;
    alertResolvedBy = null;
    if (by == null || !incident.status().isOpen()) {
      return;
    }
    try {
      resolve(AlertIntake.resolution(incident.alerts, by));
    } catch (ApplicationFailure refused) {
      log.info("{} not resolved by its alert: {}", incident.id(), refused.getOriginalMessage());
    }
  }

  /**
   * A firing after the incident closed is a new incident, not a line in an old post-mortem. The
   * workflow id is the alert's deduplication key, so the new incident continues this workflow as
   * new (under the same id) and counts the firing as its first alert.
   */
  private void openNextIncidentForTheAlert() {
    AlertReceived alert = firedAfterClose;
    Declaration next = AlertIntake.nextDeclaration(incident, alert);
    log.info(
        "{} closed; its alert fired again, so a new incident opens under the same id",
        incident.id());
    effects.continueAsNew(
        next, next.severity(), now(), new IncidentInput(next, policy, null, alert));
  }

  // ---- Commands ------------------------------------------------------------------------------

  @Override
  public IncidentView acknowledge(Acknowledgement ack) {
    if (waitsForDeclaration()) {
      if (acknowledgedBeforeDeclaration == null) {
        acknowledgedBeforeDeclaration = ack.by();
      }
      Workflow.await(() -> declared);
      refusals.requireNotAcknowledged();
    }
    acknowledgeBy(ack.by());
    return incident.view();
  }

  /**
   * Holds a command that arrived before the declaration's first workflow task until the incident
   * has been announced, so the room exists, the timeline starts with the declaration and the
   * command's message follows the announcement. Once declared this returns at once and records
   * nothing.
   */
  private void awaitDeclaration() {
    if (waitsForDeclaration()) {
      Workflow.await(() -> declared);
    }
  }

  private boolean waitsForDeclaration() {
    return !declared
        && Workflow.getVersion(IncidentVersions.DECLARATION_FIRST, Workflow.DEFAULT_VERSION, 1)
            >= 1;
  }

  private void acknowledgeBy(String by) {
    Instant now = now();
    Escalation.acknowledged(incident, by, now, chat);
    setStatus(IncidentStatus.ACKNOWLEDGED);
    IncidentMetrics.acknowledged(incident.severity(), incident.timeToAcknowledge());
    effects.followUpPages(by, false);
    log.info("{} acknowledged by {}", incident.id(), by);
  }

  @Override
  public IncidentView postUpdate(ResponderUpdate update) {
    awaitDeclaration();
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
    awaitDeclaration();
    ResponderRecords.severity(incident, change, now(), chat);
    if (escalation.severityChanged(incident, now())) {
      pageLevel(0, "severity raised to " + change.severity());
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
    awaitDeclaration();
    ResponderRecords.commander(incident, assignment, now(), chat);
    chat.refreshCard();
    return incident.view();
  }

  @Override
  public IncidentView recordMitigation(Mitigation mitigation) {
    awaitDeclaration();
    ResponderRecords.mitigation(incident, mitigation, now(), chat);
    if (effects.providersEnabled()) {
      publicStatus.follow();
    }
    return incident.view();
  }

  @Override
  public IncidentView resolve(Resolution resolution) {
    awaitDeclaration();
    List<HealthResult> failing = IncidentDiagnostics.failing(effects.runHealthChecks(true));
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
    effects.followUpPages(resolution.by(), true);
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
    awaitDeclaration();
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
    awaitDeclaration();
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
   * Counts the delivery; never pages (the first firing's page is the declaration's). A firing
   * during monitoring or the post-mortem means the problem is back, so the incident reopens; a
   * firing once closed opens the next incident when this run ends.
   */
  @Override
  public void alert(AlertReceived alert) {
    if (alert == null
        || IncidentCommandRules.isBlank(alert.fingerprint())
        || IncidentCommandRules.isBlank(alert.title())) {
      log.warn("{} ignored an alert without fingerprint or title", incident.id());
      return;
    }
    boolean actsOnAlerts =
        Workflow.getVersion(IncidentVersions.ALERT_INTAKE, Workflow.DEFAULT_VERSION, 1) >= 1;
    incident.recordAlert(now(), alert);
    if (!actsOnAlerts) {
      return;
    }
    switch (AlertIntake.decide(incident.status(), alert)) {
      case REOPEN -> {
        reopenInto(alert.source(), "its alert fired again (" + alert.title() + ")");
        log.warn("{} reopened: its alert fired again", incident.id());
      }
      case NEXT_INCIDENT -> firedAfterClose = alert;
      case RESOLVE -> {
        alertResolvedBy = alert.source();
        deadlines.interrupt();
      }
      case COUNT_ONLY -> {}
    }
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
    return chat.isEmpty() && effects.pagesSettled() && publicStatus.isIdle();
  }

  private static Instant now() {
    return IncidentEffects.now();
  }
}
