package dev.firebreak.workflows.oncall;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Refusals;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Keeps a schedule's overrides and sleeps until the next handoff (the calculator says when), then
 * tells the incoming person what is open and thanks the outgoing one. An override that changes who
 * is on call right now is a handoff too.
 */
public final class OnCallScheduleWorkflowImpl implements OnCallScheduleWorkflow {

  private static final Logger log = Workflow.getLogger(OnCallScheduleWorkflowImpl.class);

  // Well under Temporal's 10,240-event warning; a quiet schedule takes years to get here.
  static final int HISTORY_EVENT_LIMIT = 2_000;

  /** How long to sleep when nothing will change by itself (a single-person schedule). */
  private static final Duration IDLE_WAKE = Duration.ofDays(30);

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");

  private final ChatActivities chat =
      Workflow.newActivityStub(ChatActivities.class, ActivityPolicies.NOTIFY_AWAITED);
  private final HandoffActivities handoffs =
      Workflow.newActivityStub(HandoffActivities.class, ActivityPolicies.READ);

  private ScheduleSpec spec;
  private final List<ScheduleOverride> overrides = new ArrayList<>();

  /** Whom a new schedule has on call before any override its first workflow task delivers. */
  private final OnCallPerson onCallAtStart;

  private OnCallPerson current;
  private boolean started;
  private boolean changed;
  private boolean retired;
  private int handoffCount;
  private int swapCount;

  /** Swap notices for the run loop to send, so a swap answers without waiting for Slack. */
  private final List<ThreadMessage> swapNotices = new ArrayList<>();

  @WorkflowInit
  public OnCallScheduleWorkflowImpl(OnCallScheduleInput input) {
    this.spec = input.spec();
    this.overrides.addAll(input.overrides());
    this.current = input.current();
    this.started = input.started();
    this.onCallAtStart = started ? null : new OnCallCalculator(spec, overrides).at(now()).person();
  }

  @Override
  public void run(OnCallScheduleInput input) {
    // An override or swap can reach a new schedule with its first workflow task, before this
    // method runs: starting from whom the schedule had without it makes it a handoff.
    if (!started
        && Workflow.getVersion(
                OnCallScheduleVersions.FIRST_TASK_HANDOFF, Workflow.DEFAULT_VERSION, 1)
            >= 1) {
      current = onCallAtStart;
      started = true;
      // A swap's own notices come before the handoff it causes, as they do later on.
      sendSwapNotices();
    }
    while (true) {
      overrides.removeIf(o -> !o.to().isAfter(now()));
      OnCallAnswer answer = new OnCallCalculator(spec, overrides).at(now());
      if (started && !Objects.equals(answer.person(), current)) {
        handOff(current, answer);
      }
      current = answer.person();
      started = true;
      Duration wait =
          answer.shiftEnds() == null ? IDLE_WAKE : Duration.between(now(), answer.shiftEnds());
      Workflow.await(wait, () -> changed || retired || historyIsLong());
      changed = false;
      sendSwapNotices();
      if (retired) {
        log.info("on-call schedule {} retired: no longer in the configuration", spec.name());
        return;
      }
      if (historyIsLong()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        sendSwapNotices();
        Workflow.continueAsNew(new OnCallScheduleInput(spec, overrides, current, true));
      }
    }
  }

  @Override
  public void configure(ScheduleSpec spec) {
    this.spec = spec;
    changed = true;
  }

  @Override
  public void retire() {
    retired = true;
  }

  @Override
  public void validateOverride(ScheduleOverride override) {
    OverrideRules.problem(override, now())
        .ifPresent(
            problem -> {
              throw ApplicationFailure.newNonRetryableFailure(problem, Refusals.INVALID_OVERRIDE);
            });
  }

  @Override
  public ScheduleOverride override(ScheduleOverride override) {
    overrides.add(override);
    changed = true;
    log.info(
        "on-call schedule {}: {} on call {} to {} (by {})",
        spec.name(),
        override.person().name(),
        override.from(),
        override.to(),
        override.by());
    return override;
  }

  @Override
  public void validateSwap(ShiftSwap swap) {
    ShiftSwaps.problem(new OnCallCalculator(spec, overrides), swap, now())
        .ifPresent(
            problem -> {
              throw ApplicationFailure.newNonRetryableFailure(problem, Refusals.INVALID_OVERRIDE);
            });
  }

  @Override
  public SwappedShifts swap(ShiftSwap swap) {
    // The validator ran against this same state in this same workflow task, so both apply.
    SwappedShifts swapped =
        ShiftSwaps.overrides(new OnCallCalculator(spec, overrides), swap, now());
    overrides.addAll(swapped.overrides());
    changed = true;
    swapNotice(swapped.bShift(), swapped.aShift());
    swapNotice(swapped.aShift(), swapped.bShift());
    log.info(
        "on-call schedule {}: {} and {} swapped shifts (by {})",
        spec.name(),
        swap.a().name(),
        swap.b().name(),
        swap.by());
    return swapped;
  }

  private void swapNotice(ScheduleOverride mine, ScheduleOverride theirs) {
    if (mine.person().slackUserId() == null) {
      return;
    }
    String key =
        Workflow.getInfo().getWorkflowId()
            + "/"
            + Workflow.getInfo().getRunId()
            + "/swap-"
            + ++swapCount;
    swapNotices.add(
        message(
            key,
            mine.person().slackUserId(),
            "You swapped shifts on *"
                + spec.name()
                + "* with "
                + theirs.person().name()
                + ": you now cover "
                + span(mine)
                + "; "
                + theirs.person().name()
                + " covers "
                + span(theirs)
                + "."));
  }

  private String span(ScheduleOverride override) {
    ZoneId zone = ZoneId.of(spec.timeZone());
    return WHEN.format(override.from().atZone(zone))
        + " to "
        + WHEN.format(override.to().atZone(zone))
        + " ("
        + zone
        + ")";
  }

  private void sendSwapNotices() {
    List<ThreadMessage> due = List.copyOf(swapNotices);
    swapNotices.clear();
    due.forEach(this::post);
  }

  @Override
  public List<ScheduleOverride> overrides() {
    Instant now = now();
    return overrides.stream().filter(o -> o.to().isAfter(now)).toList();
  }

  private void handOff(OnCallPerson outgoing, OnCallAnswer incoming) {
    handoffCount++;
    String key = Workflow.getInfo().getWorkflowId() + "/" + Workflow.getInfo().getRunId();
    ZoneId zone = ZoneId.of(spec.timeZone());
    if (incoming.person() != null && incoming.person().slackUserId() != null) {
      String until =
          incoming.shiftEnds() == null
              ? ""
              : " until " + WHEN.format(incoming.shiftEnds().atZone(zone)) + " (" + zone + ")";
      List<String> open = openIncidents();
      String incidents =
          open.isEmpty()
              ? "No open incidents on " + covered() + "."
              : "Open incidents on " + covered() + ":\n" + String.join("\n", open);
      send(
          key + "/handoff-" + handoffCount + "/in",
          incoming.person().slackUserId(),
          "You are now on call for *" + spec.name() + "*" + until + ".\n" + incidents);
    }
    if (outgoing != null && outgoing.slackUserId() != null) {
      String next = incoming.person() == null ? "nobody" : incoming.person().name();
      send(
          key + "/handoff-" + handoffCount + "/out",
          outgoing.slackUserId(),
          "Thanks for your shift on *" + spec.name() + "*. " + next + " has it now.");
    }
  }

  private List<String> openIncidents() {
    try {
      return handoffs.openIncidents(spec.services());
    } catch (ActivityFailure e) {
      log.warn("on-call schedule {}: open incidents unavailable: {}", spec.name(), e.getMessage());
      return List.of("(the open incidents could not be listed; see /api/v1/incidents)");
    }
  }

  private String covered() {
    return spec.services().isEmpty() ? "any service" : String.join(", ", spec.services());
  }

  private void send(String key, String slackUserId, String text) {
    post(message(key, slackUserId, text));
  }

  private static ThreadMessage message(String key, String slackUserId, String text) {
    return new ThreadMessage(key, Workflow.getInfo().getWorkflowId(), slackUserId, null, text);
  }

  private void post(ThreadMessage message) {
    try {
      chat.post(message);
    } catch (ActivityFailure e) {
      // A missed notice must not stop the schedule: the next handoff is still due.
      log.warn("on-call schedule {}: notice not sent: {}", spec.name(), e.getMessage());
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static boolean historyIsLong() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > HISTORY_EVENT_LIMIT;
  }
}
