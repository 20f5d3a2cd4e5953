package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackReport;
import dev.firebreak.workflows.rollback.RollbackStatus;
import dev.firebreak.workflows.rollback.RollbackWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;

/**
 * The runbooks' incident response, step by step: announce and page, escalate until someone
 * acknowledges, assess, mitigate, keep people updated, resolve only when healthy, monitor, write
 * the post-mortem and chase its review.
 *
 * <p>This class is the loop and the command handlers. Each runbook step decides in its own class
 * ({@link Escalation}, {@link UpdateCadence}, {@link Monitoring}, {@link PostMortemReminders},
 * {@link Pager}, {@link ChatLane}, {@link IncidentDiagnostics}, {@link Refusals}); {@link Deadlines}
 * is the one timer and {@link IncidentEffects} runs the activities. One loop owns every timer, so
 * there is one decision per wake-up and history stays small. Handlers change state and queue
 * messages; chat delivery runs on its own lane and pages are fire-and-record, so a slow or failing
 * Slack never delays a page or a command's answer.
 */
public class IncidentWorkflowImpl implements IncidentWorkflow {

  private static final Logger log = Workflow.getLogger(IncidentWorkflowImpl.class);

  /**
   * Guards what came with the provider clients: PagerDuty acknowledge/resolve, the public status
   * page and error counts in the assessment. Histories recorded before it replay without them.
   */
  static final String PROVIDERS_CHANGE = "providers-v1";

  /**
   * Guards alert intake: an alert that resolves may resolve the incident (from the main loop), and a
   * firing that arrives once the incident is closed opens a new incident under the same id by
   * continuing as new. Histories recorded before it never received an alert.
   */
  static final String ALERT_INTAKE = "alert-intake-v1";

  /**
   * Guards the declaration coming first: a command that reaches the incident before its first
   * workflow task has run (the worker was down at the declare) waits until the declaration has been
   * announced, and an acknowledgement that was waiting means nobody is paged. Histories recorded
   * before it applied such a command first.
   */
  static final String DECLARATION_FIRST = "declaration-first-v1";

  /**
   * Guards the order of what paging providers hear: an acknowledge or resolve waits for the pages
   * still on their way, so PagerDuty sees the trigger before the acknowledge that closes it.
   */
  static final String FOLLOW_UP_AFTER_PAGES = "follow-up-after-pages-v1";

  /**
   * Guards the memo that lists read: the incident writes its current status and severity into it
   * whenever they change, so a list never has to query every workflow. Earlier runs never wrote it.
   */
  static final String STATUS_MEMO = "status-memo-v1";

  /**
   * Guards the declaration notice: a P0/P1 incident tells the running maintenance windows itself, so
   * every way of declaring one (API, Slack, alert, job, window) does. Histories recorded before it
   * were told by the API, or not at all.
   */
  static final String DECLARATION_NOTICE = "declaration-notice-v1";

  private final IncidentPolicy policy;
  private final Incident incident;
  private final PublicStatus publicStatus;
  private final Escalation escalation;
  private final UpdateCadence cadence;
  private final Monitoring monitoring;
  private final PostMortemReminders postMortem;
  private final Pager pager;
  private final ChatLane chat;
  private final Refusals refusals;
  private final IncidentEffects effects;
  private final Deadlines deadlines = new Deadlines();
  private Integer providersVersion;
  /** Whether the declaration has been announced (and paged); commands wait for it (see {@link #DECLARATION_FIRST}). */
  private boolean declared;
  /** Who acknowledged while the declaration was still waiting for its first workflow task; null otherwise. */
  private String acknowledgedBeforeDeclaration;
  /** {@link #STATUS_MEMO} and {@link #FOLLOW_UP_AFTER_PAGES}, asked once per run at its start. */
  private boolean writesStatusMemo;
  private boolean followsUpAfterPages;
  private Map<String, Object> publishedMemo;
  /** The sender of an alert whose resolution resolves the incident at the next wake-up; null otherwise. */
  private String alertResolvedBy;
  private AlertReceived firedAfterClose;

  @WorkflowInit
  public IncidentWorkflowImpl(IncidentState state) {
    this.policy = state.policy();
    this.incident =
        state.progress() == null
            ? Incident.declare(state.declaration(), now())
            : Incident.resume(state.declaration(), state.progress());
    this.escalation = new Escalation(policy);
    this.cadence = new UpdateCadence(policy);
    this.monitoring = new Monitoring(policy);
    this.postMortem = new PostMortemReminders(policy);
    this.pager = new Pager(policy);
    this.chat = new ChatLane(incident, policy);
    this.refusals = new Refusals(incident, policy);
    this.effects = new IncidentEffects(incident, policy, chat, pager, new IncidentDiagnostics(policy));
    this.publicStatus = new PublicStatus(incident, policy, IncidentWorkflowImpl::now, effects::recordDryRun);
    if (state.openingAlert() != null) {
      incident.recordAlert(now(), state.openingAlert());
    }
    this.declared = state.progress() != null;
  }

  @Override
  public IncidentOutcome run(IncidentState state) {
    Async.procedure(effects::deliverChat);
    if (providersEnabled()) {
      Async.procedure(publicStatus::deliver);
    }
    writesStatusMemo = Workflow.getVersion(STATUS_MEMO, Workflow.DEFAULT_VERSION, 1) >= 1;
    followsUpAfterPages = Workflow.getVersion(FOLLOW_UP_AFTER_PAGES, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (state.progress() == null) {
      announce();
    } else if (incident.incidentMessage == null) {
      chat.announce();
    }
    publishSearchAttributes();
    publishStatusMemo();
    while (incident.status != IncidentStatus.CLOSED) {
      // Before the wait: an alert delivered with the start is handled before run() begins.
      resolveIfTheAlertResolved();
      deadlines.sleep(() -> Deadlines.next(incident, cadence, now()));
      Instant now = now();
      assessOnceAcknowledged();
      escalateIfUnacknowledged(now);
      remindIfUpdateOverdue(now);
      monitorAfterResolve(now);
      remindPostMortemReview(now);
      publishStatusMemo();
      continueAsNewIfHistoryIsLong();
    }
    Workflow.await(this::isQuiet);
    if (firedAfterClose != null) {
      openNextIncidentForTheAlert();
    }
    return new IncidentOutcome(incident.id(), incident.timeToAcknowledge(), incident.timeToResolve(),
        PostMortemReport.render(incident, now()));
  }

  // ---- Runbook steps -------------------------------------------------------------------------

  private void announce() {
    chat.announce();
    if (escalation.pages(incident.severity) && acknowledgedBeforeDeclaration != null) {
      incident.record(now(), "not-paged", null, acknowledgedBeforeDeclaration
          + " acknowledged before the first page went out; nobody is paged");
    } else if (escalation.pages(incident.severity)) {
      pageLevel(0, "new " + incident.severity + " incident");
      incident.nextEscalationAt = now().plus(escalation.ackTimeout(incident.severity));
    } else {
      incident.record(now(), "not-paged", null,
          incident.severity + " does not page; the channel is told and nobody is woken");
    }
    if (providersEnabled()) {
      publicStatus.openIfPublic();
    }
    IncidentMetrics.declared(incident.severity);
    if (incident.severity.isCritical()
        && Workflow.getVersion(DECLARATION_NOTICE, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION) {
      effects.tellRunningWindows();
    }
    declared = true;
    log.info("{} declared: {} on {}", incident.id(), incident.severity, incident.declaration.service());
  }

  private void escalateIfUnacknowledged(Instant now) {
    if (!escalation.ackTimeoutExpired(incident, now)) {
      return;
    }
    Escalation.AckTimeout next = escalation.afterAckTimeout(incident.escalationLevel, incident.escalationRound);
    if (next.exhausted()) {
      incident.nextEscalationAt = null;
      String text = escalation.exhaustedText(incident.id());
      incident.record(now, "escalation-exhausted", null, text);
      chat.post("escalation-exhausted", "🚨 " + text + ". Acknowledge to take it.", true);
      log.warn("{} escalation exhausted after {} rounds", incident.id(), policy.escalationRounds());
      return;
    }
    incident.escalationRound = next.round();
    pageLevel(next.level(), escalation.ackTimeoutReason(incident.severity));
    incident.nextEscalationAt = now.plus(escalation.ackTimeout(incident.severity));
  }

  private void pageLevel(int level, String reason) {
    incident.escalationLevel = level;
    String text = pager.escalationText(incident, level, reason);
    EscalationLevel target = policy.escalation().get(level);
    incident.record(now(), "paged", null, text + " → " + String.join(", ", target.targets()));
    if (Pager.isEscalation(incident, level)) {
      IncidentMetrics.escalated(incident.severity, "no-ack");
    }
    log.info("{} {}", incident.id(), text);
    effects.page(Pager.escalationKey(incident, level), target, reason);
  }

  private void followUpPages(String by, boolean resolved) {
    if (providersEnabled() && Pager.followsUp(incident)) {
      effects.followUpPages(by, resolved, followsUpAfterPages);
    }
  }

  private void assessOnceAcknowledged() {
    if (incident.status != IncidentStatus.ACKNOWLEDGED || incident.assessed) {
      return;
    }
    incident.assessed = true;
    setStatus(IncidentStatus.ASSESSING);
    Assessment assessment = effects.runDiagnostics(providersEnabled());
    assessment.results().forEach(line -> incident.record(now(), "diagnostic", null, line));
    incident.suggestions.clear();
    incident.suggestions.addAll(assessment.suggestions());
    incident.record(now(), "assessment", null, assessment.headline());
    chat.post("assessment", assessment.toMessage(incident.id()), false);
    if (incident.status == IncidentStatus.ASSESSING) {
      setStatus(IncidentStatus.MITIGATING);
    }
    log.info("{} assessed: {}", incident.id(), assessment.headline());
  }

  private void remindIfUpdateOverdue(Instant now) {
    if (!cadence.overdue(incident, now)) {
      return;
    }
    incident.missedUpdates++;
    IncidentMetrics.updateMissed(incident.severity);
    incident.record(now, "update-missed", null, cadence.missedText(incident, now));
    chat.post("update-reminder", cadence.reminderText(incident, now), true);
    OptionalInt level =
        escalation.levelForMissedUpdate(incident.isAcknowledged(), incident.escalationLevel, incident.missedUpdates);
    if (level.isPresent()) {
      EscalationLevel target = policy.escalation().get(level.getAsInt());
      incident.record(now, "update-escalated", null,
          "Missed update escalated to level " + (level.getAsInt() + 1) + " (" + target.name() + ")");
      effects.page(Pager.missedUpdateKey(incident), target, Escalation.missedUpdateReason(incident.missedUpdates));
      IncidentMetrics.escalated(incident.severity, "missed-update");
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
    postMortem.posted(incident, now);
    incident.record(now, "post-mortem", null,
        "Post-mortem drafted; awaiting review by " + postMortem.reviewDue(incident, now));
    chat.bookmarkedPost("post-mortem",
        PostMortemReminders.chatText(incident, PostMortemReport.render(incident, now)), "Post-mortem " + incident.id());
    log.info("{} monitoring passed; post-mortem posted", incident.id());
  }

  private void remindPostMortemReview(Instant now) {
    if (!postMortem.reminderDue(incident, now)) {
      return;
    }
    String when = postMortem.remind(incident, now);
    incident.record(now, "post-mortem-reminder", null, "Post-mortem review " + when);
    chat.post("post-mortem-reminder", PostMortemReminders.reminderText(incident, when), false);
  }

  private void continueAsNewIfHistoryIsLong() {
    boolean historyIsLong =
        Workflow.getInfo().isContinueAsNewSuggested()
            || Workflow.getInfo().getHistoryLength() >= policy.historyEventLimit();
    if (!historyIsLong || incident.status == IncidentStatus.CLOSED) {
      return;
    }
    Workflow.await(() -> isQuiet() && Workflow.isEveryHandlerFinished());
    log.info("{} continuing as new after {} history events", incident.id(), Workflow.getInfo().getHistoryLength());
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder()
            .setMemo(IncidentMemo.of(incident.declaration, incident.severity, incident.declaredAt()))
            .build(),
        new IncidentState(incident.declaration, policy, incident.progress()));
  }

  /**
   * The alert resolved and the config lets that resolve the incident: the same resolve a responder
   * asks for, so it is refused (and says so in the timeline) while health checks fail.
   */
  private void resolveIfTheAlertResolved() {
    String by = alertResolvedBy;
    alertResolvedBy = null;
    if (by == null || !incident.status.isOpen()) {
      return;
    }
    AlertTally tally = incident.alerts;
    try {
      resolve(new Resolution(by, "The alert resolved after "
          + tally.firings() + (tally.firings() == 1 ? " firing" : " firings"), null));
    } catch (ApplicationFailure refused) {
      log.info("{} not resolved by its alert: {}", incident.id(), refused.getOriginalMessage());
    }
  }

  /**
   * A firing after the incident closed is a new incident, not a line in an old post-mortem. The
   * workflow id is the alert's deduplication key, so the new incident continues this workflow as new
   * (under the same id) and counts the firing as its first alert.
   */
  private void openNextIncidentForTheAlert() {
    AlertReceived alert = firedAfterClose;
    Declaration next = new Declaration(incident.id(), Texts.clip(alert.title(), 200), alert.severity(),
        incident.declaration.service(), Texts.clip(alert.detail(), Texts.MAX_TEXT), null, alert.source(), null);
    log.info("{} closed; its alert fired again, so a new incident opens under the same id", incident.id());
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder().setMemo(IncidentMemo.of(next, next.severity(), now())).build(),
        new IncidentState(next, policy, null, alert));
  }

  // ---- Commands ------------------------------------------------------------------------------

  @Override
  public void validateAcknowledge(Acknowledgement ack) {
    refusals.acknowledge(ack);
  }

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
   * command's message follows the announcement. Once declared this returns at once and records nothing.
   */
  private void awaitDeclaration() {
    if (waitsForDeclaration()) {
      Workflow.await(() -> declared);
    }
  }

  private boolean waitsForDeclaration() {
    return !declared && Workflow.getVersion(DECLARATION_FIRST, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  private void acknowledgeBy(String by) {
    Instant now = now();
    incident.acknowledge(by, now);
    String text = "Acknowledged by " + by + " after " + Texts.humanize(incident.timeToAcknowledge())
        + "; escalation stopped";
    incident.record(now, "acknowledged", by, text);
    chat.post("ack", "✅ " + text + ".", true);
    setStatus(IncidentStatus.ACKNOWLEDGED);
    IncidentMetrics.acknowledged(incident.severity, incident.timeToAcknowledge());
    followUpPages(by, false);
    log.info("{} acknowledged by {}", incident.id(), by);
  }

  @Override
  public void validatePostUpdate(ResponderUpdate update) {
    refusals.postUpdate(update);
  }

  @Override
  public IncidentView postUpdate(ResponderUpdate update) {
    awaitDeclaration();
    ResponderUpdate clipped = new ResponderUpdate(update.by(), Texts.clip(update.text(), Texts.MAX_TEXT),
        Texts.clip(update.eta(), 200), Texts.clip(update.actions(), Texts.MAX_TEXT));
    incident.updated(clipped, now());
    incident.record(now(), "update", update.by(), Texts.describe(clipped));
    chat.post("update", UpdateCadence.message(clipped), true);
    if (providersEnabled()) {
      publicStatus.post(clipped.text());
    }
    chat.refreshCard();
    return incident.view();
  }

  @Override
  public void validateChangeSeverity(SeverityChange change) {
    refusals.changeSeverity(change);
  }

  @Override
  public IncidentView changeSeverity(SeverityChange change) {
    awaitDeclaration();
    Severity previous = incident.severity;
    incident.severity = change.severity();
    String text = "Severity " + previous + " → " + change.severity()
        + (change.reason() == null || change.reason().isBlank() ? "" : ": " + change.reason());
    incident.record(now(), "severity", change.by(), text);
    chat.post("severity", "⚠️ " + text + " (" + change.by() + ")", true);
    if (incident.status == IncidentStatus.DECLARED) {
      if (!policy.forSeverity(change.severity()).paging()) {
        incident.nextEscalationAt = null;
      } else {
        if (incident.escalationLevel < 0 && !policy.escalation().isEmpty()) {
          pageLevel(0, "severity raised to " + change.severity());
        }
        incident.nextEscalationAt = now().plus(escalation.ackTimeout(change.severity()));
      }
    }
    if (providersEnabled()) {
      publicStatus.openIfPublic();
    }
    chat.refreshCard();
    publishSearchAttributes();
    deadlines.interrupt(); // the status memo shows the severity
    return incident.view();
  }

  @Override
  public void validateAssignCommander(CommanderAssignment assignment) {
    refusals.assignCommander(assignment);
  }

  @Override
  public IncidentView assignCommander(CommanderAssignment assignment) {
    awaitDeclaration();
    incident.commander = assignment.commander();
    incident.record(now(), "commander", assignment.by(), assignment.commander() + " is incident commander");
    chat.post("commander", "👤 " + assignment.commander() + " is now incident commander.", true);
    chat.refreshCard();
    return incident.view();
  }

  @Override
  public void validateRecordMitigation(Mitigation mitigation) {
    refusals.recordMitigation(mitigation);
  }

  @Override
  public IncidentView recordMitigation(Mitigation mitigation) {
    awaitDeclaration();
    Mitigation clipped = new Mitigation(mitigation.by(), Texts.clip(mitigation.action(), 500),
        Texts.clip(mitigation.detail(), Texts.MAX_TEXT));
    incident.mitigations.add(clipped);
    String text = clipped.action()
        + (clipped.detail() == null || clipped.detail().isBlank() ? "" : ": " + clipped.detail());
    incident.record(now(), "mitigation", mitigation.by(), text);
    chat.post("mitigation", "🔧 Mitigation by " + mitigation.by() + ": " + text, true);
    if (providersEnabled()) {
      publicStatus.follow();
    }
    return incident.view();
  }

  @Override
  public void validateResolve(Resolution resolution) {
    refusals.resolve(resolution);
  }

  @Override
  public IncidentView resolve(Resolution resolution) {
    awaitDeclaration();
    List<HealthResult> failing = IncidentDiagnostics.failing(effects.runHealthChecks(true));
    if (!incident.status.isOpen()) {
      throw Refusals.refusal(incident.id() + " became " + incident.status.label() + " while its health was checked");
    }
    if (!failing.isEmpty()) {
      String text = "Resolve refused: health checks failing: " + IncidentDiagnostics.describe(failing);
      incident.record(now(), "resolve-refused", resolution.by(), text);
      chat.post("resolve-refused", "❌ " + text, true);
      log.info("{} resolve by {} refused: {}", incident.id(), resolution.by(), IncidentDiagnostics.describe(failing));
      throw refusals.unhealthy(IncidentDiagnostics.describe(failing));
    }
    if (!incident.isAcknowledged()) {
      acknowledgeBy(resolution.by());
    }
    Instant now = now();
    incident.resolve(resolution.by(), now, Texts.clip(resolution.summary(), Texts.MAX_TEXT));
    if (resolution.rootCause() != null && !resolution.rootCause().isBlank()) {
      incident.mergePostMortemInput(new PostMortemInput(resolution.by(), null,
          Texts.clip(resolution.rootCause(), Texts.MAX_TEXT), null, List.of(), null));
    }
    monitoring.start(incident, now);
    String text = "Resolved by " + resolution.by()
        + (Refusals.isBlank(incident.resolutionSummary) ? "" : ": " + incident.resolutionSummary)
        + ". Health checks pass; monitoring for " + Texts.humanize(policy.monitoringPeriod());
    incident.record(now, "resolved", resolution.by(), text);
    chat.post("resolved", "🟢 " + text + ".", true);
    setStatus(IncidentStatus.MONITORING);
    IncidentMetrics.resolved(incident.severity, incident.timeToResolve());
    followUpPages(resolution.by(), true);
    log.info("{} resolved by {}; monitoring until {}", incident.id(), resolution.by(), incident.monitoringEndsAt);
    return incident.view();
  }

  @Override
  public void validateReopen(Reopening reopening) {
    refusals.reopen(reopening);
  }

  @Override
  public IncidentView reopen(Reopening reopening) {
    reopenInto(reopening.by(), reopening.reason());
    return incident.view();
  }

  private void reopenInto(String by, String reason) {
    Instant now = now();
    incident.reopen(now);
    incident.record(now, "reopened", by, "Reopened into mitigating: " + reason);
    chat.post("reopened", "🔁 " + incident.id() + " reopened into mitigating: " + reason, true);
    setStatus(IncidentStatus.MITIGATING);
  }

  @Override
  public void validateContributeToPostMortem(PostMortemInput input) {
    refusals.contributeToPostMortem(input);
  }

  @Override
  public IncidentView contributeToPostMortem(PostMortemInput input) {
    awaitDeclaration();
    List<String> tasks = input.preventionTasks() == null ? List.of()
        : input.preventionTasks().stream().limit(50).map(t -> Texts.clip(t, 500)).toList();
    incident.mergePostMortemInput(
        new PostMortemInput(input.by(), Texts.clip(input.impact(), Texts.MAX_TEXT),
            Texts.clip(input.rootCause(), Texts.MAX_TEXT), Texts.clip(input.resolution(), Texts.MAX_TEXT),
            tasks, Texts.clip(input.lessonsLearned(), Texts.MAX_TEXT)));
    incident.record(now(), "post-mortem-input", input.by(), "Post-mortem details added");
    return incident.view();
  }

  @Override
  public void validateMarkPostMortemReviewed(PostMortemReview review) {
    refusals.markPostMortemReviewed(review);
  }

  @Override
  public IncidentView markPostMortemReviewed(PostMortemReview review) {
    Instant now = now();
    incident.close(review.by(), now);
    incident.record(now, "closed", review.by(), "Post-mortem reviewed by " + review.by() + "; incident closed");
    chat.post("closed", "📘 Post-mortem of " + incident.id() + " reviewed by " + review.by()
        + ". Incident closed.", true);
    setStatus(IncidentStatus.CLOSED);
    log.info("{} closed; post-mortem reviewed by {}", incident.id(), review.by());
    return incident.view();
  }

  @Override
  public void addNote(Note note) {
    if (note == null || Refusals.isBlank(note.text())) {
      log.warn("{} ignored an empty note", incident.id());
      return;
    }
    incident.record(now(), "note", note.by(), Texts.clip(note.text(), Texts.MAX_TEXT));
  }

  @Override
  public void validateRollback(RollbackOrder order) {
    refusals.rollback(order);
  }

  /**
   * Starts the rollback as a child that outlives this run (an incident may continue as new or close
   * first) and answers once it has started; the rollback reports its end with
   * {@link #recordRollback}. No getVersion guard: the handler is new, so no recorded history has
   * its commands.
   */
  @Override
  public IncidentView rollback(RollbackOrder order) {
    awaitDeclaration();
    RollbackWorkflow child = Workflow.newChildWorkflowStub(RollbackWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(order.workflowId())
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setStaticSummary("Rollback of " + order.request().service() + " for " + incident.id())
            .build());
    Async.function(child::run, order).handle((view, failure) -> null);
    try {
      Workflow.getWorkflowExecution(child).get();
      incident.record(now(), "rollback-requested", order.request().requestedBy(),
          "Rollback of " + order.request().service() + " started (" + order.workflowId() + "): "
              + order.request().reason());
    } catch (ChildWorkflowFailure alreadyStarted) {
      log.info("{} rollback {} was already started", incident.id(), order.workflowId());
    }
    return incident.view();
  }

  @Override
  public void recordRollback(RollbackReport report) {
    if (report == null || Refusals.isBlank(report.text())) {
      log.warn("{} ignored an empty rollback report", incident.id());
      return;
    }
    String text = Texts.clip(report.text(), Texts.MAX_TEXT);
    incident.record(now(), "rollback", report.by(), text + " (" + report.workflowId() + ")");
    chat.post("rollback", (report.status() == RollbackStatus.SUCCEEDED ? "⏪ " : "") + text, true);
    log.info("{} rollback {} ended {}", incident.id(), report.workflowId(), report.status());
  }

  /**
   * Counts the delivery; never pages (the first firing's page is the declaration's). A firing
   * during monitoring or the post-mortem means the problem is back, so the incident reopens; a
   * firing once closed opens the next incident when this run ends.
   */
  @Override
  public void alert(AlertReceived alert) {
    if (alert == null || Refusals.isBlank(alert.fingerprint()) || Refusals.isBlank(alert.title())) {
      log.warn("{} ignored an alert without fingerprint or title", incident.id());
      return;
    }
    boolean actsOnAlerts = Workflow.getVersion(ALERT_INTAKE, Workflow.DEFAULT_VERSION, 1) >= 1;
    incident.recordAlert(now(), alert);
    if (!actsOnAlerts) {
      return;
    }
    if (alert.firing()) {
      switch (incident.status) {
        case MONITORING, POST_MORTEM -> {
          reopenInto(alert.source(), "its alert fired again (" + alert.title() + ")");
          log.warn("{} reopened: its alert fired again", incident.id());
        }
        case CLOSED -> firedAfterClose = alert;
        default -> {}
      }
    } else if (alert.autoResolve() && incident.status.isOpen()) {
      alertResolvedBy = alert.source();
      deadlines.interrupt();
    }
  }

  @Override
  public IncidentView state() {
    return incident.view();
  }

  @Override
  public List<TimelineEntry> timeline() {
    return List.copyOf(incident.timeline);
  }

  @Override
  public String postMortem() {
    return PostMortemReport.render(incident, now());
  }

  // ---- State that others read ----------------------------------------------------------------

  private void setStatus(IncidentStatus status) {
    incident.status = status;
    if (providersEnabled()) {
      publicStatus.follow();
    }
    chat.refreshCard();
    publishSearchAttributes();
    Workflow.setCurrentDetails("**" + incident.id() + "** · " + incident.severity + " · " + status.label()
        + (incident.commander == null ? "" : " · commander " + incident.commander));
    deadlines.interrupt(); // the status memo shows the status
  }

  /**
   * Writes status and severity into the memo when they changed since it was last written. Only the
   * main loop writes it (every command that changes either wakes the loop), so handlers ask no version.
   */
  private void publishStatusMemo() {
    Map<String, Object> progress = IncidentMemo.progress(incident.status, incident.severity);
    if (writesStatusMemo && !progress.equals(publishedMemo)) {
      Workflow.upsertMemo(progress);
      publishedMemo = progress;
    }
  }

  private void publishSearchAttributes() {
    if (policy.searchAttributes()) {
      Workflow.upsertTypedSearchAttributes(
          IncidentSearchAttributes.SEVERITY.valueSet(incident.severity.name()),
          IncidentSearchAttributes.STATUS.valueSet(incident.status.name()),
          IncidentSearchAttributes.SERVICE.valueSet(incident.declaration.service()));
    }
  }

  private boolean isQuiet() {
    return chat.isEmpty() && effects.pagesSettled() && publicStatus.isIdle();
  }

  /** Whether this run may use the provider integrations (see {@link #PROVIDERS_CHANGE}); asked once per run. */
  private boolean providersEnabled() {
    if (providersVersion == null) {
      providersVersion = Workflow.getVersion(PROVIDERS_CHANGE, Workflow.DEFAULT_VERSION, 1);
    }
    return providersVersion >= 1;
  }

  private static Instant now() {
    return IncidentEffects.now();
  }
}
