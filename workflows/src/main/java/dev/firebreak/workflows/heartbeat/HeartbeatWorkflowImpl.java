package dev.firebreak.workflows.heartbeat;

import dev.firebreak.workflows.common.Refusals;
import dev.firebreak.workflows.maintenance.MaintenanceNoticeActivities;
import dev.firebreak.workflows.maintenance.SilencedAlert;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * A heartbeat as one long-lived workflow around a resettable durable timer: it sleeps until the
 * next moment its state can change by itself ({@link HeartbeatClock#nextChange}), and a ping wakes
 * it early. Nothing polls, and a worker restart loses nothing: the timer and the pings are in the
 * history, and on waking the state is read from the clock at the current time, so a deadline that
 * passed while no worker ran still declares.
 *
 * <p>Effects happen in the main loop, not in the signal handlers: a handler only records the ping,
 * so a burst of pings costs one workflow task and the loop declares or resolves once.
 */
public class HeartbeatWorkflowImpl implements HeartbeatWorkflow {

  private static final Logger log = Workflow.getLogger(HeartbeatWorkflowImpl.class);
  private static final ActivityOptions SILENCE_CHECK =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofMinutes(1))
          .build();

  private final MaintenanceNoticeActivities notices =
      Workflow.newActivityStub(MaintenanceNoticeActivities.class, SILENCE_CHECK);

  static final int RECENT_PINGS = 10;

  /** Continue as new well before the server's suggestion, which the dev server never makes. */
  static final int HISTORY_EVENT_LIMIT = 2_000;

  private HeartbeatSpec spec;
  private HeartbeatClock clock;
  private final Instant trackedSince;
  private Instant expectedFrom;
  private Instant lastSuccessAt;
  private Instant lastFailureAt;
  private Instant runStartedAt;
  private String runId;
  private boolean failed;
  private boolean paused;
  private String pausedBy;
  private String incidentId;
  private int incidentsDeclared;
  private long signals;
  private long pings;
  private long timers;
  private Duration lastDuration;
  private final Deque<HeartbeatPing> recent = new ArrayDeque<>();

  private HeartbeatState state;
  private CancellationScope armed;
  private Optional<Instant> armedFor = Optional.empty();
  private boolean deadlineCame;
  private boolean changed;
  private boolean retired;
  private HeartbeatPing failure;
  private HeartbeatPing recovery;
  // Until when a maintenance window silences this outage; null when nothing does.
  private Instant silencedUntil;

  @WorkflowInit
  public HeartbeatWorkflowImpl(HeartbeatInput input) {
    HeartbeatRecord record = input.record() == null ? HeartbeatRecord.fresh(now()) : input.record();
    this.spec = input.spec();
    this.clock = new HeartbeatClock(spec);
    this.trackedSince = record.trackedSince();
    this.expectedFrom = record.expectedFrom();
    this.lastSuccessAt = record.lastSuccessAt();
    this.lastFailureAt = record.lastFailureAt();
    this.runStartedAt = record.runStartedAt();
    this.runId = record.runId();
    this.failed = record.failed();
    this.paused = record.paused();
    this.pausedBy = record.pausedBy();
    this.incidentId = record.incidentId();
    this.incidentsDeclared = record.incidentsDeclared();
    this.signals = record.signals();
    this.pings = record.pings();
    this.timers = record.timers();
    this.lastDuration = record.lastDuration();
    this.recent.addAll(record.recent());
  }

  @Override
  public HeartbeatView run(HeartbeatInput input) {
    state = clock.stateAt(record(), now());
    publish();
    while (true) {
      arm(earliest(clock.nextChange(record(), now()), silencedUntil));
      Workflow.await(() -> deadlineCame || changed || retired || historyIsLong());
      deadlineCame = false;
      changed = false;
      if (retired) {
        log.info("heartbeat {} retired: no longer in the configuration", spec.name());
        return view();
      }
      evaluate();
      if (historyIsLong()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(new HeartbeatInput(spec, record()));
      }
    }
  }

  /**
   * Keeps one timer, for the next moment the state can change by itself. A ping that moves that
   * moment cancels the timer it replaces, so an outdated deadline never wakes the workflow (a
   * workflow task and three history events each); a wake-up that leaves it where it was keeps it.
   */
  private void arm(Optional<Instant> next) {
    if (next.equals(armedFor)) {
      return;
    }
    if (armed != null) {
      armed.cancel();
      armed = null;
    }
    armedFor = next;
    if (next.isEmpty()) {
      return;
    }
    timers++;
    Duration wait = Duration.between(now(), next.get());
    armed =
        Workflow.newCancellationScope(
            () ->
                Workflow.newTimer(wait)
                    .handle(
                        (fired, cancelled) -> {
                          if (cancelled == null) {
                            deadlineCame = true;
                            armed = null;
                            armedFor = Optional.empty();
                          }
                          return null;
                        }));
    armed.run();
  }

  /** What the pings and the clock say now: declare once per outage, resolve on the way back. */
  private void evaluate() {
    if (failure != null) {
      HeartbeatPing failed = failure;
      failure = null;
      if (incidentId == null) {
        declare(
            "Heartbeat " + spec.name() + " reported a failure",
            HeartbeatDescriptions.failureDescription(failed),
            "failed");
      }
    }
    HeartbeatState next = clock.stateAt(record(), now());
    if (recovery != null) {
      HeartbeatPing good = recovery;
      recovery = null;
      if (incidentId != null && next != HeartbeatState.DOWN) {
        resolve(good);
      }
      if (next != HeartbeatState.DOWN) {
        // Back before the silence ended: nothing to declare, and a later outage is asked anew.
        silencedUntil = null;
      }
    }
    if (next == HeartbeatState.DOWN && incidentId == null) {
      HeartbeatRecord record = record();
      declare(
          HeartbeatDescriptions.downTitle(spec, record, now()),
          HeartbeatDescriptions.missingDescription(spec, clock, record, now()),
          "down");
    }
    if (next != state) {
      log.info("heartbeat {}: {} → {}", spec.name(), state, next);
      state = next;
      publish();
    }
  }

  // ---- Incidents -----------------------------------------------------------------------------

  private void declare(String title, String description, String what) {
    if (silenced(title, description)) {
      return;
    }
    String id = HeartbeatIncidents.incidentId(spec, now(), ++incidentsDeclared);
    Optional<String> notStarted = HeartbeatIncidents.declare(spec, id, title, description, what);
    if (notStarted.isEmpty()) {
      incidentId = id;
      log.warn("heartbeat {} declared {}: {}", spec.name(), id, title);
    } else {
      log.warn("heartbeat {} could not declare {}: {}", spec.name(), id, notStarted.get());
    }
  }

  /**
   * Whether a maintenance window on the service silences the outage now. The window records it; the
   * heartbeat wakes when the silence ends and, still down, declares then. A window that cannot be
   * asked silences nothing: paging for nothing beats never paging.
   */
  private boolean silenced(String title, String description) {
    if (silencedUntil != null && now().isBefore(silencedUntil)) {
      return true;
    }
    silencedUntil = null;
    if (Workflow.getVersion(HeartbeatVersions.SILENCE, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return false;
    }
    SilencedAlert outage =
        new SilencedAlert(
            HeartbeatIncidents.incidentId(spec, now(), incidentsDeclared + 1),
            spec.service(),
            now(),
            HeartbeatIncidents.outage(spec, title, description),
            true);
    try {
      Instant until = notices.silence(outage);
      if (until != null && now().isBefore(until)) {
        silencedUntil = until;
        log.info("heartbeat {}: {} silenced by maintenance until {}", spec.name(), title, until);
        return true;
      }
    } catch (ActivityFailure unanswered) {
      log.warn(
          "heartbeat {}: could not ask the maintenance windows, so it pages: {}",
          spec.name(),
          unanswered.getMessage());
    }
    return false;
  }

  private static Optional<Instant> earliest(Optional<Instant> next, Instant silenceEnds) {
    if (silenceEnds == null || next.isPresent() && next.get().isBefore(silenceEnds)) {
      return next;
    }
    return Optional.of(silenceEnds);
  }

  private void resolve(HeartbeatPing good) {
    String text = HeartbeatDescriptions.recoveryText(spec, good, lastFailureAt);
    if (HeartbeatIncidents.resolve(spec, incidentId, text)) {
      log.info("heartbeat {} resolved {}", spec.name(), incidentId);
    } else {
      log.info("heartbeat {}: {} is no longer open", spec.name(), incidentId);
    }
    incidentId = null;
  }

  // ---- Signals and updates -------------------------------------------------------------------

  @Override
  public void ping(HeartbeatPing ping) {
    if (ping == null || ping.kind() == null || ping.at() == null) {
      log.warn("heartbeat {} ignored a ping without kind or time", spec.name());
      return;
    }
    signals++;
    pings += 1 + Math.max(0, ping.coalesced());
    // A ping queued before a restart must not put the heartbeat's times in the future.
    Instant at = ping.at().isAfter(now()) ? now() : ping.at();
    remember(ping);
    if (paused) {
      return;
    }
    switch (ping.kind()) {
      case START -> {
        runStartedAt = at;
        runId = ping.runId();
      }
      case SUCCESS -> {
        finishRun(ping, at, false);
        lastSuccessAt = at;
        expectedFrom = at;
        failed = false;
        recovery = ping;
      }
      case FAIL -> {
        finishRun(ping, at, true);
        lastFailureAt = at;
        failed = true;
        failure = ping;
      }
      case LOG -> {}
    }
    changed = true;
  }

  /**
   * Healthchecks.io's pairing: a finish with the open run's {@code rid}, or a success without one,
   * closes the run and measures it; a failure closes it whatever its {@code rid}; a success with
   * another {@code rid} leaves it open.
   */
  private void finishRun(HeartbeatPing ping, Instant at, boolean failure) {
    if (runStartedAt == null) {
      return;
    }
    boolean sameRun = ping.runId() == null ? runId == null : ping.runId().equals(runId);
    if (sameRun || failure || ping.runId() == null) {
      lastDuration = sameRun || ping.runId() == null ? Duration.between(runStartedAt, at) : null;
      runStartedAt = null;
      runId = null;
    }
  }

  private void remember(HeartbeatPing ping) {
    recent.addFirst(ping);
    while (recent.size() > RECENT_PINGS) {
      recent.removeLast();
    }
  }

  @Override
  public void configure(HeartbeatSpec next) {
    if (!next.equals(spec)) {
      log.info("heartbeat {} configuration changed", spec.name());
      spec = next;
      clock = new HeartbeatClock(spec);
      changed = true;
    }
  }

  @Override
  public void retire() {
    retired = true;
  }

  @Override
  public void validatePause(HeartbeatCommand command) {
    requireBy(command);
    if (paused) {
      throw refusal(spec.name() + " is already paused (by " + pausedBy + ")");
    }
  }

  @Override
  public HeartbeatView pause(HeartbeatCommand command) {
    paused = true;
    pausedBy = command.by();
    log.info("heartbeat {} paused by {}", spec.name(), command.by());
    changed = true;
    state = clock.stateAt(record(), now());
    publish();
    return view();
  }

  @Override
  public void validateResume(HeartbeatCommand command) {
    requireBy(command);
    if (!paused) {
      throw refusal(spec.name() + " is not paused");
    }
  }

  /**
   * The pause's silence is not the job's: the next ping is expected one period from the resume (a
   * heartbeat never pinged stays new), and an open run's clock starts again too.
   */
  @Override
  public HeartbeatView resume(HeartbeatCommand command) {
    paused = false;
    pausedBy = null;
    Instant now = now();
    if (expectedFrom != null) {
      expectedFrom = now;
    }
    if (runStartedAt != null) {
      runStartedAt = now;
    }
    log.info("heartbeat {} resumed by {}", spec.name(), command.by());
    changed = true;
    state = clock.stateAt(record(), now);
    publish();
    return view();
  }

  @Override
  public HeartbeatView view() {
    Instant now = now();
    HeartbeatRecord record = record();
    Instant expectedAt = paused || expectedFrom == null ? null : clock.expectedAfter(expectedFrom);
    double days = Math.max(1.0, Duration.between(trackedSince, now).toSeconds() / 86_400.0);
    return new HeartbeatView(
        spec.name(),
        spec.schedule(),
        spec.grace(),
        spec.maxRunTime(),
        spec.service(),
        spec.severity().name(),
        state == null ? clock.stateAt(record, now) : state,
        expectedAt,
        runStartedAt != null,
        runStartedAt,
        lastSuccessAt,
        lastFailureAt,
        lastDuration,
        incidentId,
        pausedBy,
        signals,
        pings,
        (signals + timers) / days,
        List.copyOf(recent));
  }

  // ---- Small rules ---------------------------------------------------------------------------

  private HeartbeatRecord record() {
    return new HeartbeatRecord(
        trackedSince,
        expectedFrom,
        lastSuccessAt,
        lastFailureAt,
        runStartedAt,
        runId,
        failed,
        paused,
        pausedBy,
        incidentId,
        incidentsDeclared,
        signals,
        pings,
        timers,
        lastDuration,
        List.copyOf(recent));
  }

  private boolean historyIsLong() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > HISTORY_EVENT_LIMIT;
  }

  private void publish() {
    HeartbeatPublication.publish(spec, state, record());
  }

  private static void requireBy(HeartbeatCommand command) {
    if (command == null || command.by() == null || command.by().isBlank()) {
      throw refusal("'by' is required: say who is asking");
    }
  }

  private static ApplicationFailure refusal(String message) {
    return ApplicationFailure.newFailure(message, Refusals.INVALID_HEARTBEAT_COMMAND);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
