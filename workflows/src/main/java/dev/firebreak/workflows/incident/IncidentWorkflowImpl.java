package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.diagnostics.DependencyStatus;
import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.DeployQuery;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.diagnostics.ErrorCount;
import dev.firebreak.workflows.diagnostics.ErrorCountActivities;
import dev.firebreak.workflows.diagnostics.ErrorCountQuery;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.diagnostics.StatusPageCheck;
import dev.firebreak.workflows.maintenance.IncidentNotice;
import dev.firebreak.workflows.maintenance.MaintenanceNoticeActivities;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.PageFollowUp;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import dev.firebreak.workflows.notify.ThreadMessage;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackReport;
import dev.firebreak.workflows.rollback.RollbackStatus;
import dev.firebreak.workflows.rollback.RollbackWorkflow;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.Priority;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The runbooks' incident response, step by step: announce and page, escalate until someone
 * acknowledges, assess, mitigate, keep people updated, resolve only when healthy, monitor, write
 * the post-mortem and chase its review.
 *
 * <p>One loop owns every timer (escalation, overdue updates, monitoring checks, post-mortem
 * reminders), so there is one decision per wake-up and history stays small. Handlers change state
 * and queue messages; chat delivery runs on its own lane and pages are fire-and-record, so a slow
 * or failing Slack never delays a page or a command's answer.
 */
public class IncidentWorkflowImpl implements IncidentWorkflow {

  private static final Logger log = Workflow.getLogger(IncidentWorkflowImpl.class);

  static final String INVALID_TRANSITION = "InvalidTransition";
  static final String RESOLVE_REFUSED = "ResolveRefused";

  /** Slack's own limit for one message is higher; this keeps a report readable in a thread. */
  private static final int MAX_REPORT_IN_CHAT = 3500;

  /**
   * The incident message goes ahead of other queued activity tasks (lower key first; the default is
   * 3): it is how responders learn of the incident, and everything posted later threads under it.
   */
  private static final ActivityOptions FIRST_MESSAGE =
      ActivityOptions.newBuilder(ActivityPolicies.NOTIFY)
          .setPriority(Priority.newBuilder().setPriorityKey(1).build())
          .build();

  private static final ActivityOptions PAGING =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(ActivityPolicies.PROVIDER_ATTEMPT)
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)))
          .build();

  /** A diagnostic that cannot answer in a minute is itself the answer ("could not check"). */
  private static final ActivityOptions DIAGNOSTICS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumAttempts(2)
                  .build())
          .build();

  private static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(10);

  /** Version 1: posts and pages follow the incident message into its room; the post-mortem is bookmarked. */
  private static final String INCIDENT_ROOM = "incident-room";

  /** Version 1: the announcement in the shared channel is its own activity, off the chat queue. */
  private static final String SEPARATE_ANNOUNCEMENT = "separate-announcement";

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

  /** Telling the windows is a courtesy: it gives up after a few minutes rather than hold the incident. */
  private static final ActivityOptions NOTICE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(5))
          .build();

  /** "Errors in the last 15 minutes" is how the runbooks read an error tracker during an incident. */
  private static final Duration ERROR_COUNT_WINDOW = Duration.ofMinutes(15);

  private final IncidentPolicy policy;
  private final Incident incident;
  private final ChatActivities chat = Workflow.newActivityStub(ChatActivities.class, ActivityPolicies.NOTIFY);
  private final ChatActivities firstMessage = Workflow.newActivityStub(ChatActivities.class, FIRST_MESSAGE);
  private final DiagnosticsActivities diagnostics =
      Workflow.newActivityStub(DiagnosticsActivities.class, DIAGNOSTICS);
  private final DiagnosticsActivities healthChecks =
      Workflow.newActivityStub(DiagnosticsActivities.class, ActivityPolicies.HEALTH);
  private final ErrorCountActivities errorCounts =
      Workflow.newActivityStub(ErrorCountActivities.class, DIAGNOSTICS);
  private final PublicStatus publicStatus;
  private Integer providersVersion;

  /** Chat work in the order people must read it; drained by {@link #deliverChat()}. */
  private final Deque<ChatWork> outbox = new ArrayDeque<>();

  private boolean cardRefreshQueued;
  private Instant timerDeadline;
  private CancellationScope timerScope;
  private Promise<Void> timer;
  private int pagesInFlight;
  /** Escalation pages not yet answered by their provider; follow-ups wait for them (see {@link #FOLLOW_UP_AFTER_PAGES}). */
  private int triggersInFlight;
  /** Whether the declaration has been announced (and paged); commands wait for it (see {@link #DECLARATION_FIRST}). */
  private boolean declared;
  /** Who acknowledged while the declaration was still waiting for its first workflow task; null otherwise. */
  private String acknowledgedBeforeDeclaration;
  /** {@link #STATUS_MEMO} and {@link #FOLLOW_UP_AFTER_PAGES}, asked once per run at its start. */
  private boolean writesStatusMemo;
  private boolean followsUpAfterPages;
  private Map<String, Object> publishedMemo;
  private boolean wake;
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
    this.publicStatus = new PublicStatus(incident, policy, IncidentWorkflowImpl::now, this::recordDryRun);
    if (state.openingAlert() != null) {
      incident.recordAlert(now(), state.openingAlert());
    }
    this.declared = state.progress() != null;
  }

  @Override
  public IncidentOutcome run(IncidentState state) {
    Async.procedure(this::deliverChat);
    if (providersEnabled()) {
      Async.procedure(publicStatus::deliver);
    }
    writesStatusMemo = Workflow.getVersion(STATUS_MEMO, Workflow.DEFAULT_VERSION, 1) >= 1;
    followsUpAfterPages = Workflow.getVersion(FOLLOW_UP_AFTER_PAGES, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (state.progress() == null) {
      announce();
    } else if (incident.incidentMessage == null) {
      outbox.add(ChatWork.announce());
    }
    publishSearchAttributes();
    publishStatusMemo();
    while (incident.status != IncidentStatus.CLOSED) {
      // Before the wait: an alert delivered with the start is handled before run() begins.
      resolveIfTheAlertResolved();
      waitForNextDeadlineOrCommand();
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
    return new IncidentOutcome(
        incident.id(),
        incident.timeToAcknowledge(),
        incident.timeToResolve(),
        PostMortemReport.render(incident, now()));
  }

  // ---- Runbook steps -------------------------------------------------------------------------

  private void announce() {
    outbox.add(ChatWork.announce());
    SeverityPolicy severity = policy.forSeverity(incident.severity);
    if (severity.paging() && !policy.escalation().isEmpty() && acknowledgedBeforeDeclaration != null) {
      incident.record(now(), "not-paged", null, acknowledgedBeforeDeclaration
          + " acknowledged before the first page went out; nobody is paged");
    } else if (severity.paging() && !policy.escalation().isEmpty()) {
      pageLevel(0, "new " + incident.severity + " incident");
      incident.nextEscalationAt = now().plus(severity.ackTimeout());
    } else {
      incident.record(now(), "not-paged", null,
          incident.severity + " does not page; the channel is told and nobody is woken");
    }
    if (providersEnabled()) {
      publicStatus.openIfPublic();
    }
    IncidentMetrics.declared(incident.severity);
    tellRunningWindowsIfCritical();
    declared = true;
    log.info("{} declared: {} on {}", incident.id(), incident.severity, incident.declaration.service());
  }

  /** Fire-and-forget: a window that cannot be told is logged, and the incident goes on. */
  private void tellRunningWindowsIfCritical() {
    if (!incident.severity.isCritical()
        || Workflow.getVersion(DECLARATION_NOTICE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return;
    }
    MaintenanceNoticeActivities notices = Workflow.newActivityStub(MaintenanceNoticeActivities.class, NOTICE);
    IncidentNotice notice = new IncidentNotice(incident.id(), incident.severity.name(), incident.declaration.title(),
        incident.declaration.service());
    Async.procedure(notices::tellRunningWindows, notice).exceptionally(failure -> {
      log.warn("{} could not tell the running maintenance windows: {}", incident.id(), rootMessage(failure));
      return null;
    });
  }

  private void escalateIfUnacknowledged(Instant now) {
    if (incident.status != IncidentStatus.DECLARED
        || incident.nextEscalationAt == null
        || now.isBefore(incident.nextEscalationAt)) {
      return;
    }
    int next = incident.escalationLevel + 1;
    if (next >= policy.escalation().size()) {
      if (incident.escalationRound >= policy.escalationRounds()) {
        incident.nextEscalationAt = null;
        String text = "Nobody acknowledged " + incident.id() + " after " + policy.escalationRounds()
            + " rounds of the escalation chain; escalation has stopped";
        incident.record(now, "escalation-exhausted", null, text);
        queuePost("escalation-exhausted", "🚨 " + text + ". Acknowledge to take it.", true);
        log.warn("{} escalation exhausted after {} rounds", incident.id(), policy.escalationRounds());
        return;
      }
      incident.escalationRound++;
      next = 0;
    }
    Duration ackTimeout = policy.forSeverity(incident.severity).ackTimeout();
    pageLevel(next, "no acknowledgement in " + Texts.humanize(ackTimeout));
    incident.nextEscalationAt = now.plus(ackTimeout);
  }

  private void pageLevel(int levelIndex, String reason) {
    EscalationLevel level = policy.escalation().get(levelIndex);
    incident.escalationLevel = levelIndex;
    String key = incident.id() + "/page-r" + incident.escalationRound + "-l" + (levelIndex + 1);
    String text = "Paging level " + (levelIndex + 1) + " (" + level.name() + "), round "
        + incident.escalationRound + ": " + reason;
    incident.record(now(), "paged", null, text + " → " + String.join(", ", level.targets()));
    if (levelIndex > 0 || incident.escalationRound > 1) {
      IncidentMetrics.escalated(incident.severity, "no-ack");
    }
    log.info("{} {}", incident.id(), text);
    sendPage(key, level, reason);
  }

  private void sendPage(String key, EscalationLevel level, String reason) {
    MessageRef message = incident.incidentMessage;
    PageRequest request =
        new PageRequest(
            key, incident.id(), incident.severity.name(), incident.declaration.title(), level.name(),
            level.targets(), reason, inIncidentRoom(message) ? message.channel() : policy.channel(),
            message == null ? null : message.ts());
    PagingActivities pager =
        Workflow.newActivityStub(
            PagingActivities.class,
            ActivityOptions.newBuilder(PAGING).setSummary("Page " + level.name() + ": " + reason).build());
    Promise<Delivery> page = Async.function(pager::page, request);
    triggersInFlight++;
    page.handle((delivery, failure) -> triggersInFlight--);
    fireAndRecord(page, "page " + level.name(), key);
  }

  /**
   * Tells the paging providers that keep an incident of their own (PagerDuty) that this one was
   * acknowledged or resolved, so their escalation stops too. Fire-and-record, like a page.
   */
  private void followUpPages(String by, boolean resolved) {
    if (!providersEnabled() || incident.escalationLevel < 0) {
      return;
    }
    String action = resolved ? "resolve" : "acknowledge";
    List<String> targets = policy.escalation().stream().flatMap(l -> l.targets().stream()).distinct().toList();
    PageFollowUp followUp = new PageFollowUp(incident.id(), by, targets);
    PagingActivities pager =
        Workflow.newActivityStub(
            PagingActivities.class,
            ActivityOptions.newBuilder(PAGING).setSummary("Paging providers: " + action).build());
    Promise<Delivery> call;
    if (!followsUpAfterPages) {
      call = resolved ? Async.function(pager::resolved, followUp) : Async.function(pager::acknowledged, followUp);
    } else {
      call = Async.function(() -> {
        Workflow.await(() -> triggersInFlight == 0);
        return resolved ? pager.resolved(followUp) : pager.acknowledged(followUp);
      });
    }
    fireAndRecord(call, action + " the page", incident.id() + "/" + action);
  }

  /** Records where a page (or its follow-up) went, or that it failed; never blocks the caller. */
  private void fireAndRecord(Promise<Delivery> call, String what, String key) {
    pagesInFlight++;
    call.handle(
        (delivery, failure) -> {
          pagesInFlight--;
          if (failure != null) {
            incident.record(now(), "page-failed", null, "Could not " + what + ": " + rootMessage(failure));
            log.error("{} {} failed: {}", incident.id(), key, rootMessage(failure));
          } else if (delivery != null && !delivery.dryRun()) {
            incident.record(now(), "page-delivery", null, delivery.detail());
          } else {
            recordDryRun(delivery);
          }
          return null;
        });
  }

  private void assessOnceAcknowledged() {
    if (incident.status != IncidentStatus.ACKNOWLEDGED || incident.assessed) {
      return;
    }
    incident.assessed = true;
    setStatus(IncidentStatus.ASSESSING);
    Assessment assessment = runDiagnostics();
    assessment.results().forEach(line -> incident.record(now(), "diagnostic", null, line));
    incident.suggestions.clear();
    incident.suggestions.addAll(assessment.suggestions());
    incident.record(now(), "assessment", null, assessment.headline());
    queuePost("assessment", assessment.toMessage(incident.id()), false);
    if (incident.status == IncidentStatus.ASSESSING) {
      setStatus(IncidentStatus.MITIGATING);
    }
    log.info("{} assessed: {}", incident.id(), assessment.headline());
  }

  private void remindIfUpdateOverdue(Instant now) {
    if (!incident.status.isOpen()) {
      return;
    }
    Instant due = updateDue();
    if (now.isBefore(due)) {
      return;
    }
    incident.missedUpdates++;
    IncidentMetrics.updateMissed(incident.severity);
    Duration interval = policy.forSeverity(incident.severity).updateInterval();
    Duration silence = Duration.between(incident.lastUpdateAt, now);
    incident.record(now, "update-missed", null,
        "No update for " + Texts.humanize(silence) + " (due every " + Texts.humanize(interval) + ")");
    queuePost("update-reminder",
        "⏰ " + updateReminderAddressee() + ": no update on " + incident.id() + " for " + Texts.humanize(silence)
            + (incident.isAcknowledged() ? ". Post one" : ". Acknowledge it, then post an update")
            + ": what you found, ETA, actions.", true);
    // Before an ack the escalation chain is already walking; after it, a silent owner is escalated
    // one level per missed interval, and the top level is paged once, not every interval.
    int level = Math.max(incident.escalationLevel, 0) + incident.missedUpdates - 1;
    if (incident.isAcknowledged() && incident.missedUpdates >= 2 && level < policy.escalation().size()) {
      EscalationLevel target = policy.escalation().get(level);
      String reason = incident.missedUpdates + " update intervals passed with no update";
      incident.record(now, "update-escalated", null,
          "Missed update escalated to level " + (level + 1) + " (" + target.name() + ")");
      sendPage(incident.id() + "/missed-update-" + incident.updatesPosted + "-" + incident.missedUpdates,
          target, reason);
      IncidentMetrics.escalated(incident.severity, "missed-update");
      log.warn("{} missed update escalated to {}", incident.id(), target.name());
    }
  }

  /**
   * Who is reminded to post an update. Before anyone acknowledges, nobody has taken command (a
   * commander named at declaration has not answered either), so the reminder goes to the level
   * being paged now: the people who are expected to pick the incident up.
   */
  private String updateReminderAddressee() {
    if (!incident.isAcknowledged() && incident.escalationLevel >= 0) {
      EscalationLevel paged = policy.escalation().get(incident.escalationLevel);
      return paged.name() + " on call (" + String.join(", ", paged.targets()) + ")";
    }
    return incident.commander == null ? "Incident commander" : incident.commander;
  }

  private void monitorAfterResolve(Instant now) {
    if (incident.status != IncidentStatus.MONITORING) {
      return;
    }
    boolean checkDue = !now.isBefore(incident.nextHealthCheckAt);
    boolean periodOver = !now.isBefore(incident.monitoringEndsAt);
    if (!checkDue && !periodOver) {
      return;
    }
    List<HealthResult> failing = failing(runHealthChecks(false));
    if (incident.status != IncidentStatus.MONITORING) {
      return; // a command changed the state while the checks ran
    }
    if (!failing.isEmpty()) {
      String reason = "health check failed during monitoring: " + describe(failing);
      reopenInto(null, reason);
      log.warn("{} reopened: {}", incident.id(), reason);
      return;
    }
    if (periodOver) {
      writePostMortem();
    } else {
      Instant next = now().plus(policy.monitoringCheckInterval());
      incident.nextHealthCheckAt =
          next.isAfter(incident.monitoringEndsAt) ? incident.monitoringEndsAt : next;
    }
  }

  private void writePostMortem() {
    Instant now = now();
    incident.record(now, "monitoring-passed", null,
        "Healthy for the whole monitoring period (" + Texts.humanize(policy.monitoringPeriod()) + ")");
    setStatus(IncidentStatus.POST_MORTEM);
    incident.postMortemPostedAt = now;
    incident.nextPostMortemReminderAt = now.plus(policy.postMortemReminderInterval());
    incident.record(now, "post-mortem", null, "Post-mortem drafted; awaiting review by " + reviewDue());
    String report = PostMortemReport.render(incident, now);
    outbox.add(ChatWork.bookmarkedPost(incident.nextMessageKey("post-mortem"),
        Texts.clip(report, MAX_REPORT_IN_CHAT) + "\n\nFull report: GET /api/v1/incidents/"
            + incident.id() + "/postmortem", "Post-mortem " + incident.id()));
    log.info("{} monitoring passed; post-mortem posted", incident.id());
  }

  private void remindPostMortemReview(Instant now) {
    if (incident.status != IncidentStatus.POST_MORTEM
        || incident.nextPostMortemReminderAt == null
        || now.isBefore(incident.nextPostMortemReminderAt)) {
      return;
    }
    incident.postMortemReminders++;
    Instant due = reviewDue();
    String when = now.isAfter(due) ? "overdue since " + due : "due by " + due;
    String who = incident.commander == null ? "Incident commander" : incident.commander;
    incident.record(now, "post-mortem-reminder", null, "Post-mortem review " + when);
    queuePost("post-mortem-reminder",
        "📝 " + who + ": the post-mortem of " + incident.id() + " awaits review (" + when + ").", false);
    incident.nextPostMortemReminderAt = now.plus(policy.postMortemReminderInterval());
  }

  private void continueAsNewIfHistoryIsLong() {
    boolean historyIsLong =
        Workflow.getInfo().isContinueAsNewSuggested()
            || Workflow.getInfo().getHistoryLength() >= policy.historyEventLimit();
    if (!historyIsLong || incident.status == IncidentStatus.CLOSED) {
      return;
    }
    Workflow.await(() -> isQuiet() && Workflow.isEveryHandlerFinished());
    log.info("{} continuing as new after {} history events", incident.id(),
        Workflow.getInfo().getHistoryLength());
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
        ContinueAsNewOptions.newBuilder()
            .setMemo(IncidentMemo.of(next, next.severity(), now()))
            .build(),
        new IncidentState(next, policy, null, alert));
  }

  // ---- Commands ------------------------------------------------------------------------------

  @Override
  public void validateAcknowledge(Acknowledgement ack) {
    requirePerson(ack == null ? null : ack.by(), "acknowledging");
    if (incident.isAcknowledged()) {
      throw refusal(incident.id() + " was already acknowledged by " + incident.acknowledgedBy
          + " at " + incident.acknowledgedAt);
    }
    requireOpen("acknowledged");
  }

  @Override
  public IncidentView acknowledge(Acknowledgement ack) {
    if (waitsForDeclaration()) {
      if (acknowledgedBeforeDeclaration == null) {
        acknowledgedBeforeDeclaration = ack.by();
      }
      Workflow.await(() -> declared);
      if (incident.isAcknowledged()) {
        throw refusal(incident.id() + " was already acknowledged by " + incident.acknowledgedBy
            + " at " + incident.acknowledgedAt);
      }
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
    incident.acknowledgedBy = by;
    incident.acknowledgedAt = now;
    incident.nextEscalationAt = null;
    if (incident.commander == null) {
      incident.commander = by;
    }
    String text = "Acknowledged by " + by + " after " + Texts.humanize(incident.timeToAcknowledge())
        + "; escalation stopped";
    incident.record(now, "acknowledged", by, text);
    queuePost("ack", "✅ " + text + ".", true);
    setStatus(IncidentStatus.ACKNOWLEDGED);
    IncidentMetrics.acknowledged(incident.severity, incident.timeToAcknowledge());
    followUpPages(by, false);
    log.info("{} acknowledged by {}", incident.id(), by);
  }

  @Override
  public void validatePostUpdate(ResponderUpdate update) {
    requirePerson(update == null ? null : update.by(), "posting the update");
    requireText(update.text(), "text", "what you found");
    if (!incident.status.isOpen() && incident.status != IncidentStatus.MONITORING) {
      throw refusal(incident.id() + " is " + incident.status.label()
          + "; updates are for open incidents (reopen it first)");
    }
  }

  @Override
  public IncidentView postUpdate(ResponderUpdate update) {
    awaitDeclaration();
    Instant now = now();
    ResponderUpdate clipped =
        new ResponderUpdate(update.by(), Texts.clip(update.text(), Texts.MAX_TEXT),
            Texts.clip(update.eta(), 200), Texts.clip(update.actions(), Texts.MAX_TEXT));
    incident.latestUpdate = clipped;
    incident.lastUpdateAt = now;
    incident.missedUpdates = 0;
    incident.updatesPosted++;
    incident.record(now, "update", update.by(), Texts.describe(clipped));
    StringBuilder text = new StringBuilder("📊 UPDATE from " + update.by() + ": " + clipped.text());
    if (clipped.eta() != null && !clipped.eta().isBlank()) {
      text.append("\n⏰ ETA: ").append(clipped.eta());
    }
    if (clipped.actions() != null && !clipped.actions().isBlank()) {
      text.append("\n🔧 Actions: ").append(clipped.actions());
    }
    queuePost("update", text.toString(), true);
    if (providersEnabled()) {
      publicStatus.post(clipped.text());
    }
    queueCardRefresh();
    wake = true;
    return incident.view();
  }

  @Override
  public void validateChangeSeverity(SeverityChange change) {
    requirePerson(change == null ? null : change.by(), "changing the severity");
    if (change.severity() == null) {
      throw refusal("severity is required (P0 to P4)");
    }
    if (change.severity() == incident.severity) {
      throw refusal(incident.id() + " is already " + incident.severity);
    }
    if (!policy.severities().containsKey(change.severity())) {
      throw refusal("the runbook defines no policy for " + change.severity());
    }
    requireNotClosed();
  }

  @Override
  public IncidentView changeSeverity(SeverityChange change) {
    awaitDeclaration();
    Severity previous = incident.severity;
    incident.severity = change.severity();
    String text = "Severity " + previous + " → " + change.severity()
        + (change.reason() == null || change.reason().isBlank() ? "" : ": " + change.reason());
    incident.record(now(), "severity", change.by(), text);
    queuePost("severity", "⚠️ " + text + " (" + change.by() + ")", true);
    SeverityPolicy now = policy.forSeverity(change.severity());
    if (incident.status == IncidentStatus.DECLARED) {
      if (!now.paging()) {
        incident.nextEscalationAt = null;
      } else {
        if (incident.escalationLevel < 0 && !policy.escalation().isEmpty()) {
          pageLevel(0, "severity raised to " + change.severity());
        }
        incident.nextEscalationAt = now().plus(now.ackTimeout());
      }
    }
    if (providersEnabled()) {
      publicStatus.openIfPublic();
    }
    queueCardRefresh();
    publishSearchAttributes();
    wake = true;
    return incident.view();
  }

  @Override
  public void validateAssignCommander(CommanderAssignment assignment) {
    requirePerson(assignment == null ? null : assignment.by(), "assigning the commander");
    requireText(assignment.commander(), "commander", "who takes command");
    requireNotClosed();
  }

  @Override
  public IncidentView assignCommander(CommanderAssignment assignment) {
    awaitDeclaration();
    incident.commander = assignment.commander();
    incident.record(now(), "commander", assignment.by(), assignment.commander() + " is incident commander");
    queuePost("commander", "👤 " + assignment.commander() + " is now incident commander.", true);
    queueCardRefresh();
    return incident.view();
  }

  @Override
  public void validateRecordMitigation(Mitigation mitigation) {
    requirePerson(mitigation == null ? null : mitigation.by(), "recording the mitigation");
    requireText(mitigation.action(), "action", "what was done");
    requireNotClosed();
  }

  @Override
  public IncidentView recordMitigation(Mitigation mitigation) {
    awaitDeclaration();
    Mitigation clipped =
        new Mitigation(mitigation.by(), Texts.clip(mitigation.action(), 500),
            Texts.clip(mitigation.detail(), Texts.MAX_TEXT));
    incident.mitigations.add(clipped);
    String text = clipped.action()
        + (clipped.detail() == null || clipped.detail().isBlank() ? "" : ": " + clipped.detail());
    incident.record(now(), "mitigation", mitigation.by(), text);
    queuePost("mitigation", "🔧 Mitigation by " + mitigation.by() + ": " + text, true);
    if (providersEnabled()) {
      publicStatus.follow();
    }
    return incident.view();
  }

  @Override
  public void validateResolve(Resolution resolution) {
    requirePerson(resolution == null ? null : resolution.by(), "resolving");
    requireOpen("resolved");
  }

  @Override
  public IncidentView resolve(Resolution resolution) {
    awaitDeclaration();
    List<HealthResult> failing = failing(runHealthChecks(true));
    if (!incident.status.isOpen()) {
      throw refusal(incident.id() + " became " + incident.status.label() + " while its health was checked");
    }
    if (!failing.isEmpty()) {
      String text = "Resolve refused: health checks failing: " + describe(failing);
      incident.record(now(), "resolve-refused", resolution.by(), text);
      queuePost("resolve-refused", "❌ " + text, true);
      log.info("{} resolve by {} refused: {}", incident.id(), resolution.by(), describe(failing));
      throw ApplicationFailure.newFailure(
          "Cannot resolve " + incident.id() + ": health checks failing: " + describe(failing),
          RESOLVE_REFUSED);
    }
    if (!incident.isAcknowledged()) {
      acknowledgeBy(resolution.by());
    }
    Instant now = now();
    incident.resolvedAt = now;
    incident.resolvedBy = resolution.by();
    incident.resolutionSummary = Texts.clip(resolution.summary(), Texts.MAX_TEXT);
    incident.nextEscalationAt = null;
    if (resolution.rootCause() != null && !resolution.rootCause().isBlank()) {
      incident.mergePostMortemInput(
          new PostMortemInput(resolution.by(), null, Texts.clip(resolution.rootCause(), Texts.MAX_TEXT),
              null, List.of(), null));
    }
    incident.monitoringEndsAt = now.plus(policy.monitoringPeriod());
    Instant firstCheck = now.plus(policy.monitoringCheckInterval());
    incident.nextHealthCheckAt =
        firstCheck.isAfter(incident.monitoringEndsAt) ? incident.monitoringEndsAt : firstCheck;
    String text = "Resolved by " + resolution.by()
        + (incident.resolutionSummary == null || incident.resolutionSummary.isBlank()
            ? "" : ": " + incident.resolutionSummary)
        + ". Health checks pass; monitoring for " + Texts.humanize(policy.monitoringPeriod());
    incident.record(now, "resolved", resolution.by(), text);
    queuePost("resolved", "🟢 " + text + ".", true);
    setStatus(IncidentStatus.MONITORING);
    IncidentMetrics.resolved(incident.severity, incident.timeToResolve());
    followUpPages(resolution.by(), true);
    log.info("{} resolved by {}; monitoring until {}", incident.id(), resolution.by(),
        incident.monitoringEndsAt);
    return incident.view();
  }

  @Override
  public void validateReopen(Reopening reopening) {
    requirePerson(reopening == null ? null : reopening.by(), "reopening");
    requireText(reopening.reason(), "reason", "why it is reopened");
    if (incident.status != IncidentStatus.MONITORING && incident.status != IncidentStatus.POST_MORTEM) {
      throw refusal(incident.id() + " is " + incident.status.label()
          + "; only a resolved incident (monitoring or post-mortem) can be reopened");
    }
  }

  @Override
  public IncidentView reopen(Reopening reopening) {
    reopenInto(reopening.by(), reopening.reason());
    return incident.view();
  }

  private void reopenInto(String by, String reason) {
    Instant now = now();
    incident.resolvedAt = null;
    incident.resolvedBy = null;
    incident.monitoringEndsAt = null;
    incident.nextHealthCheckAt = null;
    incident.postMortemPostedAt = null;
    incident.nextPostMortemReminderAt = null;
    incident.lastUpdateAt = now;
    incident.missedUpdates = 0;
    incident.record(now, "reopened", by, "Reopened into mitigating: " + reason);
    queuePost("reopened", "🔁 " + incident.id() + " reopened into mitigating: " + reason, true);
    setStatus(IncidentStatus.MITIGATING);
  }

  @Override
  public void validateContributeToPostMortem(PostMortemInput input) {
    requirePerson(input == null ? null : input.by(), "contributing to the post-mortem");
    boolean empty =
        isBlank(input.impact()) && isBlank(input.rootCause()) && isBlank(input.resolution())
            && isBlank(input.lessonsLearned())
            && (input.preventionTasks() == null || input.preventionTasks().stream().allMatch(IncidentWorkflowImpl::isBlank));
    if (empty) {
      throw refusal("nothing to add: give impact, rootCause, resolution, preventionTasks or lessonsLearned");
    }
    requireNotClosed();
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
    requirePerson(review == null ? null : review.by(), "reviewing the post-mortem");
    if (incident.status != IncidentStatus.POST_MORTEM) {
      throw refusal(incident.id() + " is " + incident.status.label()
          + "; the post-mortem can be reviewed once monitoring has passed");
    }
  }

  @Override
  public IncidentView markPostMortemReviewed(PostMortemReview review) {
    Instant now = now();
    incident.reviewedBy = review.by();
    incident.closedAt = now;
    incident.nextPostMortemReminderAt = null;
    incident.record(now, "closed", review.by(), "Post-mortem reviewed by " + review.by() + "; incident closed");
    queuePost("closed", "📘 Post-mortem of " + incident.id() + " reviewed by " + review.by()
        + ". Incident closed.", true);
    setStatus(IncidentStatus.CLOSED);
    log.info("{} closed; post-mortem reviewed by {}", incident.id(), review.by());
    return incident.view();
  }

  @Override
  public void addNote(Note note) {
    if (note == null || isBlank(note.text())) {
      log.warn("{} ignored an empty note", incident.id());
      return;
    }
    incident.record(now(), "note", note.by(), Texts.clip(note.text(), Texts.MAX_TEXT));
  }

  @Override
  public void validateRollback(RollbackOrder order) {
    requirePerson(order == null || order.request() == null ? null : order.request().requestedBy(), "rolling back");
    if (order.policy() == null || isBlank(order.request().key()) || isBlank(order.request().service())) {
      throw refusal("a rollback needs a service, a key and the service's rollback policy");
    }
    requireNotClosed();
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
    if (report == null || isBlank(report.text())) {
      log.warn("{} ignored an empty rollback report", incident.id());
      return;
    }
    String text = Texts.clip(report.text(), Texts.MAX_TEXT);
    incident.record(now(), "rollback", report.by(), text + " (" + report.workflowId() + ")");
    queuePost("rollback", (report.status() == RollbackStatus.SUCCEEDED ? "⏪ " : "") + text, true);
    log.info("{} rollback {} ended {}", incident.id(), report.workflowId(), report.status());
  }

  /**
   * Counts the delivery; never pages (the first firing's page is the declaration's). A firing
   * during monitoring or the post-mortem means the problem is back, so the incident reopens; a
   * firing once closed opens the next incident when this run ends.
   */
  @Override
  public void alert(AlertReceived alert) {
    if (alert == null || isBlank(alert.fingerprint()) || isBlank(alert.title())) {
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
      wake = true;
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

  // ---- Diagnostics ---------------------------------------------------------------------------

  /**
   * @param recordWhenHealthy false during monitoring, where a healthy check every minute would
   *     bury the timeline; a failing check is always recorded
   */
  private List<HealthResult> runHealthChecks(boolean recordWhenHealthy) {
    List<HealthResult> results = startHealthChecks().stream().map(Promise::get).toList();
    if (recordWhenHealthy || !failing(results).isEmpty()) {
      incident.record(now(), "health", null, results.isEmpty()
          ? "No health endpoints configured for " + incident.declaration.service()
          : "Health: " + describe(results));
    }
    return results;
  }

  private List<Promise<HealthResult>> startHealthChecks() {
    List<Promise<HealthResult>> checks = new ArrayList<>();
    for (ServiceTarget service : policy.services()) {
      if (!isBlank(service.healthUrl())) {
        checks.add(diagnose(() -> healthChecks.checkHealth(
            new HealthCheck(service.name(), service.healthUrl(), HEALTH_CHECK_TIMEOUT)),
            failure -> new HealthResult(service.name(), false, 0,
                "could not check: " + rootMessage(failure), List.of(), false)));
      }
    }
    return checks;
  }

  private Assessment runDiagnostics() {
    List<Promise<HealthResult>> health = startHealthChecks();
    List<Promise<DependencyStatus>> dependencies = new ArrayList<>();
    List<Promise<DeployHistory>> deploys = new ArrayList<>();
    List<Promise<ErrorCount>> errors = new ArrayList<>();
    Instant since = now().minus(policy.recentDeployWindow());
    for (ServiceTarget service : policy.services()) {
      for (ServiceTarget.Dependency dependency : service.dependencies()) {
        dependencies.add(diagnose(() -> diagnostics.checkStatusPage(
            new StatusPageCheck(dependency.name(), dependency.statusPageUrl())),
            failure -> new DependencyStatus(dependency.name(), "unknown",
                "could not read status page: " + rootMessage(failure), false, false)));
      }
      if (!isBlank(service.platform())) {
        deploys.add(diagnose(() -> diagnostics.recentDeploys(
            new DeployQuery(service.name(), service.platform(), service.platformId(), since)),
            failure -> new DeployHistory(service.name(), service.platform(), List.of(), false,
                "could not list deploys: " + rootMessage(failure))));
      }
      if (!isBlank(service.sentryProject()) && providersEnabled()) {
        errors.add(diagnose(() -> errorCounts.recentErrors(
            new ErrorCountQuery(service.name(), service.sentryProject(), ERROR_COUNT_WINDOW)),
            failure -> new ErrorCount(service.name(), service.sentryProject(), -1, ERROR_COUNT_WINDOW, false,
                "could not count errors: " + rootMessage(failure))));
      }
    }
    return Assessment.of(
        policy,
        since,
        health.stream().map(Promise::get).toList(),
        dependencies.stream().map(Promise::get).toList(),
        deploys.stream().map(Promise::get).toList(),
        errors.stream().map(Promise::get).toList());
  }

  /**
   * Runs one diagnostic in parallel with the others. A diagnostic that fails is itself a finding,
   * so the failure becomes a result instead of failing the assessment.
   */
  private <T> Promise<T> diagnose(
      Supplier<T> call, Function<RuntimeException, T> onFailure) {
    return Async.function(call::get)
        .handle((result, failure) -> failure == null ? result : onFailure.apply(failure));
  }

  private static List<HealthResult> failing(List<HealthResult> results) {
    return results.stream().filter(r -> !r.healthy()).toList();
  }

  private static String describe(List<HealthResult> results) {
    return String.join("; ", results.stream().map(Assessment::describe).toList());
  }

  // ---- Chat lane -----------------------------------------------------------------------------

  private void queuePost(String step, String text, boolean threaded) {
    outbox.add(ChatWork.post(incident.nextMessageKey(step), text, threaded));
  }

  private void queueCardRefresh() {
    if (!cardRefreshQueued) {
      cardRefreshQueued = true;
      outbox.add(ChatWork.refresh());
    }
  }

  /** Delivers queued chat work one item at a time, in order; never blocks the main loop. */
  private void deliverChat() {
    while (true) {
      Workflow.await(() -> !outbox.isEmpty());
      ChatWork work = outbox.peekFirst();
      if (work.kind() == ChatWork.Kind.REFRESH) {
        cardRefreshQueued = false;
      }
      try {
        deliver(work);
      } catch (ActivityFailure failure) {
        incident.record(now(), "chat-failed", null,
            "Could not deliver a chat message: " + rootMessage(failure));
        log.error("{} chat delivery failed: {}", incident.id(), rootMessage(failure));
      }
      outbox.removeFirst();
    }
  }

  private void deliver(ChatWork work) {
    MessageRef message = incident.incidentMessage;
    switch (work.kind()) {
      case ANNOUNCE -> {
        if (message == null) {
          MessageRef posted = postIncidentMessage();
          incident.incidentMessage = posted;
          if (posted.dryRun()) {
            incident.record(now(), "dry-run", null,
                "Incident message not sent (chat provider is dry-run) to " + posted.channel());
          }
        }
      }
      case REFRESH -> {
        if (message != null && !message.dryRun()) {
          chat.updateIncidentMessage(message, card());
        }
      }
      case POST -> {
        String threadTs = work.threaded() && message != null && !message.dryRun() ? message.ts() : null;
        boolean inRoom = inIncidentRoom(message);
        recordDryRun(chat.post(new ThreadMessage(work.key(), incident.id(),
            inRoom ? message.channel() : policy.channel(), threadTs, work.text(), inRoom ? work.bookmark() : null)));
      }
    }
  }

  /**
   * Posts the incident message and sends its announcement on its way without waiting for it: the
   * shared channel may be queued behind a storm of other incidents' announcements.
   */
  private MessageRef postIncidentMessage() {
    if (Workflow.getVersion(SEPARATE_ANNOUNCEMENT, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return chat.postIncidentMessage(card());
    }
    MessageRef posted = firstMessage.openIncidentMessage(card());
    Async.function(chat::announceIncidentMessage, card(), posted).exceptionally(failure -> {
      incident.record(now(), "chat-failed", null, "Could not announce the incident: " + rootMessage(failure));
      log.error("{} announcement failed: {}", incident.id(), rootMessage(failure));
      return null;
    });
    return posted;
  }

  /**
   * Whether messages follow the incident message into the channel it was posted in (with Slack, the
   * incident's own room). Incidents that began before rooms keep posting to the configured channel,
   * as their history says they did.
   */
  private boolean inIncidentRoom(MessageRef message) {
    return message != null && !message.dryRun()
        && Workflow.getVersion(INCIDENT_ROOM, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  private IncidentCard card() {
    return new IncidentCard(
        incident.id() + "/incident-message",
        policy.channel(),
        incident.id(),
        incident.declaration.title(),
        incident.severity.name(),
        incident.status.label(),
        incident.declaration.service(),
        incident.commander,
        incident.acknowledgedBy,
        incident.latestUpdate == null ? null : Texts.describe(incident.latestUpdate),
        incident.declaredAt(),
        incident.suggestions.stream().filter(s -> Suggestion.ROLLBACK.equals(s.kind())).map(Suggestion::text)
            .findFirst().orElse(null));
  }

  private void recordDryRun(Delivery delivery) {
    if (delivery != null && delivery.dryRun()) {
      incident.record(now(), "dry-run", null, delivery.detail());
    }
  }

  // ---- Small rules ---------------------------------------------------------------------------

  /**
   * Sleeps until the earliest deadline or until a command changes something. One timer per
   * distinct deadline: a wake-up that leaves the deadline where it was keeps the running timer, and
   * a deadline that moved cancels the old timer rather than letting it fire for nothing (each
   * wasted firing costs a workflow task in history).
   */
  private void waitForNextDeadlineOrCommand() {
    wake = false;
    Instant next = nextDeadline();
    if (!Objects.equals(next, timerDeadline)) {
      if (timerScope != null) {
        timerScope.cancel();
      }
      timerScope = null;
      timer = null;
      timerDeadline = next;
      if (next != null) {
        Duration wait = Duration.between(now(), next);
        if (wait.isNegative() || wait.isZero()) {
          timerDeadline = null;
          return;
        }
        timerScope = Workflow.newCancellationScope(() -> timer = Workflow.newTimer(wait));
        timerScope.run();
        // A cancelled timer fails its promise; nobody needs that failure, so say it is handled.
        timer.handle((fired, cancelled) -> null);
      }
    }
    Workflow.await(() -> wake || (timer != null && timer.isCompleted()));
    if (timer != null && timer.isCompleted()) {
      timerDeadline = null;
      timerScope = null;
      timer = null;
    }
  }

  private Instant nextDeadline() {
    List<Instant> deadlines = new ArrayList<>();
    switch (incident.status) {
      case DECLARED, ACKNOWLEDGED, ASSESSING, MITIGATING -> {
        if (incident.status == IncidentStatus.DECLARED && incident.nextEscalationAt != null) {
          deadlines.add(incident.nextEscalationAt);
        }
        if (incident.status == IncidentStatus.ACKNOWLEDGED && !incident.assessed) {
          deadlines.add(now());
        }
        deadlines.add(updateDue());
      }
      case MONITORING -> {
        deadlines.add(incident.nextHealthCheckAt);
        deadlines.add(incident.monitoringEndsAt);
      }
      case POST_MORTEM -> {
        if (incident.nextPostMortemReminderAt != null) {
          deadlines.add(incident.nextPostMortemReminderAt);
        }
      }
      case CLOSED -> {}
    }
    return deadlines.stream().filter(d -> d != null).min(Instant::compareTo).orElse(null);
  }

  private Instant updateDue() {
    Duration interval = policy.forSeverity(incident.severity).updateInterval();
    return incident.lastUpdateAt.plus(interval.multipliedBy(incident.missedUpdates + 1L));
  }

  private Instant reviewDue() {
    Instant resolved = incident.resolvedAt == null ? now() : incident.resolvedAt;
    return resolved.plus(policy.forSeverity(incident.severity).postMortemDue());
  }

  private void setStatus(IncidentStatus status) {
    incident.status = status;
    if (providersEnabled()) {
      publicStatus.follow();
    }
    queueCardRefresh();
    publishSearchAttributes();
    Workflow.setCurrentDetails("**" + incident.id() + "** · " + incident.severity + " · " + status.label()
        + (incident.commander == null ? "" : " · commander " + incident.commander));
    wake = true;
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
    return outbox.isEmpty() && pagesInFlight == 0 && publicStatus.isIdle();
  }

  /** Whether this run may use the provider integrations (see {@link #PROVIDERS_CHANGE}); asked once per run. */
  private boolean providersEnabled() {
    if (providersVersion == null) {
      providersVersion = Workflow.getVersion(PROVIDERS_CHANGE, Workflow.DEFAULT_VERSION, 1);
    }
    return providersVersion >= 1;
  }

  private void requireOpen(String what) {
    if (!incident.status.isOpen()) {
      throw refusal(incident.id() + " is " + incident.status.label() + "; it can no longer be " + what);
    }
  }

  private void requireNotClosed() {
    if (incident.status == IncidentStatus.CLOSED) {
      throw refusal(incident.id() + " is closed");
    }
  }

  private static void requirePerson(String by, String action) {
    if (by == null || by.isBlank()) {
      throw refusal("'by' is required: say who is " + action);
    }
  }

  private static void requireText(String text, String field, String meaning) {
    if (text == null || text.isBlank()) {
      throw refusal("'" + field + "' is required: " + meaning);
    }
    if (text.length() > Texts.MAX_TEXT) {
      throw refusal("'" + field + "' is too long (" + text.length() + " characters; at most "
          + Texts.MAX_TEXT + ")");
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static ApplicationFailure refusal(String message) {
    return ApplicationFailure.newFailure(message, INVALID_TRANSITION);
  }

  private static String rootMessage(Throwable failure) {
    return RootCause.message(failure);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static RetryOptions backoff(Duration initial, Duration maximum) {
    return RetryOptions.newBuilder()
        .setInitialInterval(initial)
        .setBackoffCoefficient(2)
        .setMaximumInterval(maximum)
        .build();
  }
}
