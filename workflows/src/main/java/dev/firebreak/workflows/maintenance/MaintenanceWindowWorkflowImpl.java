package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.common.Refusals;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The runbooks' maintenance checklist, step by step. Every wait (the announcements, the start, a
 * manual step, monitoring) also listens for an abort; every ending tells the same audience the
 * announcements reached ({@link WindowAudience}). A planned-end watcher runs beside the checklist
 * so a window that overruns says where it is instead of going quiet.
 *
 * <p>This class is the loop, the handlers and the commands; the decisions are in classes that do
 * not call {@code Workflow}: {@link WindowChecklist} (how a stopped window ends), {@link
 * ManualStepAnswer}, {@link WindowAnnouncements}, {@link WindowRollbackRules} (what is rolled back,
 * under the lock), {@link WindowCommandRules} and {@link WindowSentences}. A failed step or
 * post-check declares its incident as a child workflow ({@link WindowIncident}), which lives on
 * after the window closes; the rollbacks are children too ({@link WindowRollbacks}). A step that
 * failed before anything was sent or changed calls the window off instead.
 */
public class MaintenanceWindowWorkflowImpl implements MaintenanceWindowWorkflow {

  private static final Logger log = Workflow.getLogger(MaintenanceWindowWorkflowImpl.class);

  private final MaintenanceRequest request;
  private final MaintenancePlan plan;
  private final WindowTimeline timeline = new WindowTimeline();
  private final WindowSentences say;
  private final WindowChecklist checklist = new WindowChecklist();
  private final WindowCalls calls;
  private final WindowNotices notices;
  private final WindowStatusPage statusPage;
  private final WindowRollbacks rollbacks;
  private final WindowIncident incident;
  private final WindowSilence silence;

  private MaintenanceStatus status = MaintenanceStatus.SCHEDULED;
  private Instant end;
  private int extensions;
  private String waitingFor;
  private StepConfirmation confirmation;
  private Abort abort;
  private boolean onlyWhatChanged;
  private String outcome;

  @WorkflowInit
  public MaintenanceWindowWorkflowImpl(MaintenanceOrder order) {
    this.request = order.request();
    this.plan = order.plan();
    this.end = request.end();
    this.say = new WindowSentences(request, plan);
    this.notices = new WindowNotices(new WindowAudience(request, plan), this::record);
    this.statusPage = new WindowStatusPage(request, plan, this::record);
    this.calls = new WindowCalls(request, plan, checklist, this::record);
    this.rollbacks = new WindowRollbacks(request, plan, this::record);
    this.incident = new WindowIncident(request, plan, this::record);
    this.silence = new WindowSilence(request, plan, this::record);
  }

  @Override
  public MaintenanceView run(MaintenanceOrder order) {
    // Before any command: a window beyond the limits fails once, saying why, instead of retrying
    // its
    // first task forever on a timer too long to compute. Valid windows issue the same commands as
    // before.
    Optional<String> beyondLimits =
        MaintenanceLimits.problem(request.start(), request.end(), now());
    if (beyondLimits.isPresent()) {
      outcome = say.beyondLimits(beyondLimits.get());
      setStatus(MaintenanceStatus.CANCELLED);
      log.warn("{}", outcome);
      throw ApplicationFailure.newNonRetryableFailure(outcome, Refusals.INVALID_WINDOW);
    }
    setStatus(MaintenanceStatus.SCHEDULED);
    record("scheduled", say.scheduled(end));
    if (!request.openIncidents().isEmpty()) {
      record("incident", say.scheduledDuringIncidents());
    }
    Async.procedure(this::watchPlannedEnd);
    announceAhead();
    waitUntil(request.start());
    if (aborted()) {
      return finish(MaintenanceStatus.ABORTED, say.abortedBefore(abort, "before it started"));
    }
    setStatus(MaintenanceStatus.PRE_CHECKS);
    for (MaintenanceStep check : plan.preChecks()) {
      if (!perform("pre-check", check)) {
        return aborted()
            ? finish(MaintenanceStatus.ABORTED, say.abortedBefore(abort, "during the pre-checks"))
            : calledOff("pre-check " + checklist.failure() + ". Nothing was changed.");
      }
    }
    setStatus(MaintenanceStatus.IN_PROGRESS);
    tell("started", say.started(end));
    onlyWhatChanged =
        Workflow.getVersion(
                MaintenanceWindowVersions.ONLY_WHAT_CHANGED, Workflow.DEFAULT_VERSION, 1)
            >= 1;
    if (onlyWhatChanged) {
      rollbacks.noteLiveDeploys();
    }
    boolean done = duringWindow();
    switchModeOff();
    if (aborted()) {
      return abortAfterChanges();
    }
    switch (checklist.ending(done, onlyWhatChanged)) {
      case CALLED_OFF:
        return calledOff(say.nothingChanged(checklist.failure()));
      case FAILED:
        return failWindow();
      default:
        break;
    }
    setStatus(MaintenanceStatus.POST_CHECKS);
    if (!calls.checkHealth("post-check") || !performAll("post-check", plan.postChecks())) {
      return aborted() ? abortAfterChanges() : failWindow();
    }
    if (!monitor()) {
      return aborted() ? abortAfterChanges() : failWindow();
    }
    return finish(MaintenanceStatus.COMPLETED, say.allClear());
  }

  // ---- Before ---------------------------------------------------------------------------------

  private void announceAhead() {
    WindowAnnouncements announcements =
        WindowAnnouncements.of(plan.announceOffsets(), request.start(), now());
    announcements.now().ifPresent(closest -> announce("announce-now", say.startsNow(closest)));
    for (Duration offset : announcements.ahead()) {
      waitUntil(request.start().minus(offset));
      if (aborted()) {
        return;
      }
      announce(WindowAnnouncements.key(offset), say.startsIn(offset));
    }
  }

  private void announce(String key, String when) {
    String text = say.announcement(when, end);
    tell(key, text);
    statusPage.announce(text, end);
  }

  // ---- During ---------------------------------------------------------------------------------

  /** Maintenance mode on, the steps, health checks; false at the first failure or an abort. */
  private boolean duringWindow() {
    if (plan.maintenanceModeOn() != null) {
      checklist.modeSwitchedOn();
      if (!perform("mode", plan.maintenanceModeOn())) {
        checklist.modeSwitchFailed(onlyWhatChanged);
        return false;
      }
    }
    for (MaintenanceStep step : plan.steps()) {
      boolean done = perform("step", step);
      checklist.stepEnded(done);
      if (!done) {
        return false;
      }
    }
    return calls.checkHealth("health");
  }

  /**
   * Runs whatever else happened, an abort included: a window never leaves maintenance mode on. The
   * config makes both mode switches HTTP actions, so nothing here waits for a person.
   */
  private void switchModeOff() {
    if (plan.maintenanceModeOff() == null || !checklist.switchingModeOff()) {
      return;
    }
    String earlierFailure = checklist.failure();
    if (!calls.call("mode", plan.maintenanceModeOff())) {
      checklist.failedAfter(earlierFailure);
    }
  }

  private boolean performAll(String kind, List<MaintenanceStep> steps) {
    for (MaintenanceStep step : steps) {
      if (!perform(kind, step)) {
        return false;
      }
    }
    return true;
  }

  /**
   * One checklist line with its result in the timeline; false (and the checklist's failure set)
   * when it failed.
   */
  private boolean perform(String kind, MaintenanceStep step) {
    if (aborted()) {
      return false;
    }
    return step.manual() ? confirmed(kind, step) : calls.call(kind, step);
  }

  private boolean confirmed(String kind, MaintenanceStep step) {
    waitingFor = step.name();
    record(kind, say.waitingForPerson(step));
    tell("confirm-" + timeline.size(), say.confirmPrompt(step));
    boolean answered =
        Workflow.await(plan.manualStepTimeout(), () -> confirmation != null || aborted());
    waitingFor = null;
    if (aborted()) {
      return false;
    }
    ManualStepAnswer answer =
        ManualStepAnswer.of(step, answered ? confirmation : null, plan.manualStepTimeout());
    confirmation = null;
    if (!answer.done()) {
      return calls.failed(kind, answer.text());
    }
    record(kind, answer.text());
    return true;
  }

  // ---- After ----------------------------------------------------------------------------------

  /**
   * Health every interval for the monitoring period; false at the first unhealthy check or an
   * abort.
   */
  private boolean monitor() {
    setStatus(MaintenanceStatus.MONITORING);
    Instant until = now().plus(plan.monitoringPeriod());
    record("monitor", "Monitoring for " + HumanDuration.of(plan.monitoringPeriod()));
    while (now().isBefore(until)) {
      Duration left = Duration.between(now(), until);
      Workflow.await(
          left.compareTo(plan.monitoringInterval()) < 0 ? left : plan.monitoringInterval(),
          this::aborted);
      if (aborted() || !calls.checkHealth("monitor")) {
        return false;
      }
    }
    return true;
  }

  /**
   * A step or post-check failed: declare the incident, roll back where configured, tell everyone.
   */
  private MaintenanceView failWindow() {
    incident.declare(checklist.failure());
    String rolledBack =
        rollbacks.rollBack(
            "Maintenance " + request.id() + " failed: " + checklist.failure(),
            incident.id(),
            onlyWhatChanged);
    return finish(
        MaintenanceStatus.FAILED, say.failed(checklist.failure(), rolledBack, incident.id()));
  }

  private MaintenanceView abortAfterChanges() {
    String rolledBack =
        rollbacks.rollBack(
            "Maintenance " + request.id() + " aborted by " + abort.by() + ": " + abort.reason(),
            incident.id(),
            onlyWhatChanged);
    return finish(MaintenanceStatus.ABORTED, say.abortedAfterChanges(abort, rolledBack));
  }

  /** Stopped before anything changed: everyone is told, nothing is rolled back, no incident. */
  private MaintenanceView calledOff(String why) {
    return finish(MaintenanceStatus.CANCELLED, say.calledOff(why));
  }

  // ---- The planned end ------------------------------------------------------------------------

  /**
   * At the planned end (as extended) a window still going says where it is, once per planned end.
   */
  private void watchPlannedEnd() {
    while (!status.isFinal()) {
      Instant plannedEnd = end;
      Duration left = Duration.between(now(), plannedEnd);
      boolean moved =
          !left.isNegative()
              && !left.isZero()
              && Workflow.await(
                  MaintenanceLimits.bounded(left),
                  () -> status.isFinal() || !end.equals(plannedEnd));
      if (status.isFinal()) {
        return;
      }
      if (!moved) {
        String text = say.overrun(plannedEnd, status, waitingFor);
        tell("overrun-" + extensions, text);
        record("overrun", text);
        log.warn("{} overran its planned end {} while {}", request.id(), plannedEnd, status);
        Workflow.await(() -> status.isFinal() || !end.equals(plannedEnd));
      }
    }
  }

  // ---- Commands -------------------------------------------------------------------------------

  @Override
  public void validateExtend(Extension extension) {
    WindowCommandRules.extend(extension, request.start(), end, status, request.id());
  }

  @Override
  public MaintenanceView extend(Extension extension) {
    end = extension.until();
    extensions++;
    record("extend", say.extendedEntry(extension));
    String key = "extend-" + extensions;
    String text = say.extended(extension);
    if (Workflow.getVersion(
            MaintenanceWindowVersions.EXTEND_ANSWERS_FIRST, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      tell(key, text);
      statusPage.reschedule(() -> end);
    } else {
      Async.procedure(
          () -> {
            tell(key, text);
            statusPage.reschedule(() -> end);
          });
    }
    log.info("{} extended to {} by {}", request.id(), end, extension.by());
    return state();
  }

  @Override
  public void validateAbort(Abort abort) {
    WindowCommandRules.abort(abort, this.abort, status, request.id());
  }

  @Override
  public MaintenanceView abort(Abort abort) {
    this.abort = WindowCommandRules.accepted(abort);
    record("abort", "Abort requested by " + abort.by() + ": " + this.abort.reason());
    log.info("{} abort requested by {} while {}", request.id(), abort.by(), status);
    return state();
  }

  @Override
  public void validateConfirmStep(StepConfirmation answer) {
    WindowCommandRules.confirmStep(answer, waitingFor, confirmation != null, status, request.id());
  }

  @Override
  public MaintenanceView confirmStep(StepConfirmation answer) {
    confirmation = answer;
    log.info(
        "{} step '{}' answered by {} ({})",
        request.id(),
        waitingFor,
        answer.by(),
        answer.failed() ? "failed" : "done");
    return state();
  }

  @Override
  public void recordIncident(IncidentNotice notice) {
    if (notice == null || notice.incidentId() == null) {
      return;
    }
    String text = say.incidentNoticed(notice, status);
    record("incident", text);
    log.info("{} noted {}", request.id(), text);
  }

  @Override
  public void recordSilenced(SilencedAlert alert) {
    if (alert == null || alert.alert() == null || alert.incidentId() == null) {
      return;
    }
    silence.record(alert);
  }

  @Override
  public MaintenanceView state() {
    return new MaintenanceView(
        request.id(),
        request.workflowId(),
        request.title(),
        request.services(),
        request.start(),
        end,
        status,
        waitingFor,
        incident.id(),
        request.requestedBy(),
        outcome,
        timeline.entries(),
        silence.ends(status, end));
  }

  @Override
  public List<MaintenanceEntry> timeline() {
    return timeline.entries();
  }

  // ---- Endings and small rules ----------------------------------------------------------------

  private MaintenanceView finish(MaintenanceStatus finalStatus, String sentence) {
    outcome = sentence;
    record(finalStatus.name().toLowerCase(Locale.ROOT), sentence);
    tell("end", sentence);
    statusPage.complete(sentence);
    setStatus(finalStatus);
    log.info("{} {}", request.id(), sentence);
    if (Workflow.getVersion(MaintenanceWindowVersions.SILENCE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      silence.endAfterTail(now());
    } else {
      silence.endWithoutTail();
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    return state();
  }

  /**
   * Slack and mail; a message that cannot be delivered is noted, never a reason to stop the window.
   */
  private void tell(String key, String text) {
    notices.tell(key, text);
  }

  private void waitUntil(Instant instant) {
    Duration left = Duration.between(now(), instant);
    if (!left.isNegative() && !left.isZero()) {
      Workflow.await(MaintenanceLimits.bounded(left), this::aborted);
    }
  }

  private boolean aborted() {
    return abort != null;
  }

  private void setStatus(MaintenanceStatus next) {
    status = next;
    Workflow.setCurrentDetails(
        "**" + request.id() + "** " + request.title() + " · " + next + " · until " + end);
  }

  private void record(String kind, String text) {
    timeline.add(now(), kind, text);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
