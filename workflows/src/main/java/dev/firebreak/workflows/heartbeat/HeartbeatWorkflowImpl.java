package dev.firebreak.workflows.heartbeat;

import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.common.Refusals;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.ChildIncident;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.Note;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
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

  static final int RECENT_PINGS = 10;

  /** Continue as new well before the server's suggestion, which the dev server never makes. */
  static final int HISTORY_EVENT_LIMIT = 2_000;

  /** The failure's output an incident quotes: its last lines, within a Slack message's room. */
  static final int FAILURE_LINES = 20;

  static final int FAILURE_CHARS = 1_500;

  static final String DECLARED_BY = "firebreak-heartbeats";
  static final String ALERT_SOURCE = "heartbeat";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

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
      arm(clock.nextChange(record(), now()));
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
            failureDescription(failed),
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
    }
    if (next == HeartbeatState.DOWN && incidentId == null) {
      declare(
          runIsOverdue()
              ? "Heartbeat " + spec.name() + ": a run started and did not finish"
              : "Heartbeat " + spec.name() + " is down: no ping",
          missingDescription(),
          "down");
    }
    if (next != state) {
      log.info("heartbeat {}: {} → {}", spec.name(), state, next);
      state = next;
      publish();
    }
  }

  private boolean runIsOverdue() {
    return runStartedAt != null
        && spec.maxRunTime() != null
        && !now().isBefore(runStartedAt.plus(spec.maxRunTime()));
  }

  // ---- Incidents -----------------------------------------------------------------------------

  /**
   * Declares through the path jobs take: a child incident that outlives this run, its id derived
   * from the heartbeat and a counter so a replay never declares twice.
   */
  private void declare(String title, String description, String what) {
    String id = "INC-" + DAY.format(now()) + "-hb-" + spec.name() + "-" + (++incidentsDeclared);
    Declaration declaration =
        new Declaration(
            id, title, spec.severity(), spec.service(), description, null, DECLARED_BY, null);
    Optional<String> notStarted =
        ChildIncident.declare(
            declaration,
            spec.severity(),
            spec.incidentPolicy(),
            spec.severity() + " · " + spec.service() + " · heartbeat " + spec.name() + " " + what,
            ChildWorkflowOptions.newBuilder().setTaskQueue(TaskQueue.NAME));
    if (notStarted.isEmpty()) {
      incidentId = id;
      log.warn("heartbeat {} declared {}: {}", spec.name(), id, title);
    } else {
      log.warn("heartbeat {} could not declare {}: {}", spec.name(), id, notStarted.get());
    }
  }

  /**
   * Resolves the way an alert's resolution does: a note on the timeline, then the incident's own
   * alert intake resolves it (refused, and said so on its timeline, while health checks fail). An
   * incident closed or gone meanwhile has nothing to resolve.
   */
  private void resolve(HeartbeatPing good) {
    String text =
        "Heartbeat "
            + spec.name()
            + " pinged again at "
            + good.at()
            + (lastFailureAt == null ? "" : " (last failure " + lastFailureAt + ")")
            + "; resolving.";
    IncidentWorkflow incident =
        Workflow.newExternalWorkflowStub(
            IncidentWorkflow.class, IncidentWorkflow.workflowId(incidentId));
    try {
      incident.addNote(new Note(DECLARED_BY, text));
      incident.alert(
          new AlertReceived(
              ALERT_SOURCE,
              HeartbeatWorkflow.workflowId(spec.name()),
              false,
              "Heartbeat " + spec.name() + " is up",
              spec.severity(),
              text,
              null,
              true));
      log.info("heartbeat {} resolved {}", spec.name(), incidentId);
    } catch (SignalExternalWorkflowException gone) {
      log.info("heartbeat {}: {} is no longer open", spec.name(), incidentId);
    }
    incidentId = null;
  }

  private String missingDescription() {
    if (runIsOverdue()) {
      return "A run started at "
          + runStartedAt
          + (runId == null ? "" : " (rid " + runId + ")")
          + " and has not finished within "
          + HumanDuration.of(spec.maxRunTime())
          + " plus "
          + HumanDuration.of(spec.grace())
          + " of grace.";
    }
    return "No ping since "
        + lastSuccessAt
        + "; one was expected at "
        + clock.expectedAfter(expectedFrom)
        + " ("
        + spec.schedule()
        + ", grace "
        + HumanDuration.of(spec.grace())
        + ").";
  }

  /**
   * The failure with the last lines of what the job posted, as plain text: the Slack layout escapes
   * it where it lays it out ({@code SlackEscaping}), so escaping here would escape twice.
   */
  static String failureDescription(HeartbeatPing failed) {
    String head =
        "The job reported a failure"
            + (failed.exitStatus() == null ? "" : " (exit status " + failed.exitStatus() + ")")
            + " at "
            + failed.at()
            + ".";
    String lines = lastLines(failed.body());
    return lines.isEmpty() ? head : head + " Last lines of its output:\n" + lines;
  }

  static String lastLines(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    List<String> all = Arrays.asList(body.strip().split("\\R"));
    String tail =
        String.join("\n", all.subList(Math.max(0, all.size() - FAILURE_LINES), all.size()));
    // The end of the output says what failed, so a long tail loses its start, not its end.
    return tail.length() <= FAILURE_CHARS
        ? tail
        : "…" + tail.substring(tail.length() - (FAILURE_CHARS - 1));
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

  /** The Temporal UI's view of it: current details, and search attributes where registered. */
  private void publish() {
    Workflow.setCurrentDetails(
        "**"
            + spec.name()
            + "** · "
            + spec.schedule()
            + " · "
            + (paused ? "paused by " + pausedBy : state.name().toLowerCase(Locale.ROOT))
            + (incidentId == null ? "" : " · " + incidentId));
    if (spec.incidentPolicy().searchAttributes()) {
      Workflow.upsertTypedSearchAttributes(
          HeartbeatSearchAttributes.NAME.valueSet(spec.name()),
          HeartbeatSearchAttributes.SERVICE.valueSet(spec.service()),
          HeartbeatSearchAttributes.STATE.valueSet(state.name()));
    }
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
