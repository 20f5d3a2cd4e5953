package dev.firebreak.workflows.job;

import dev.firebreak.workflows.action.HttpActionResult;
import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.Refusals;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.ChildIncident;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * A job as one long-lived workflow that owns everything about it, fed "due" signals by a tick
 * workflow that a Schedule or a cron workflow starts.
 *
 * <p>Why this shape: pause, run-now, the failure streak and the history must behave the same on a
 * real cluster (Schedules) and on the dev server (cron workflows only, which cannot be paused or
 * triggered). Keeping them here makes the scheduler a clock and nothing more, so both backends feed
 * the same workflow and a paused job stays paused whichever fired it. Runs are serialised here: a
 * tick that arrives while a run is going is buffered (one at most, further ones are recorded as
 * skipped), which is the overlap policy whatever the backend. The history is bounded and the
 * workflow continues as new when the server suggests it, so a 15-minute job can run for years.
 */
public class JobWorkflowImpl implements JobWorkflow {

  private static final Logger log = Workflow.getLogger(JobWorkflowImpl.class);

  static final int HISTORY_SIZE = 20;

  /**
   * Continue as new well before the server's 4,096-event suggestion on the dev server, which does
   * not enforce limits.
   */
  static final int HISTORY_EVENT_LIMIT = 2_000;

  private static final int DETAIL_CHARS = 500;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  // The posts are waited for, so a chat outage may hold the job up for 5 minutes at most, not half
  // an hour.
  private final ChatActivities chat =
      Workflow.newActivityStub(
          ChatActivities.class,
          ActivityOptions.newBuilder(ActivityPolicies.NOTIFY)
              .setScheduleToCloseTimeout(Duration.ofMinutes(5))
              .build());
  private final Deque<JobRun> history = new ArrayDeque<>();
  private final Deque<JobTrigger> pending = new ArrayDeque<>();

  private JobSpec spec;
  private long runs;
  private JobRun lastSuccess;

  private int consecutiveFailures;
  private boolean paused;
  private String pausedBy;
  private boolean warned;
  private String incidentId;
  private JobTrigger running;
  private JobRun current;
  private boolean retired;

  @WorkflowInit
  public JobWorkflowImpl(JobState state) {
    JobRecord record = state.record() == null ? JobRecord.fresh() : state.record();
    this.spec = state.spec();
    this.runs = record.runs();
    this.history.addAll(record.history());
    this.pending.addAll(record.pending());
    this.lastSuccess = record.lastSuccess();
    this.consecutiveFailures = record.consecutiveFailures();
    this.paused = record.paused();
    this.pausedBy = record.pausedBy();
    this.warned = record.warned();
    this.incidentId = record.incidentId();
  }

  @Override
  public JobView run(JobState state) {
    showStatus();
    while (true) {
      Workflow.await(() -> !pending.isEmpty() || retired || historyIsLong());
      if (retired) {
        log.info("job {} retired: no longer in the configuration", spec.name());
        return view();
      }
      if (pending.isEmpty()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(new JobState(spec, record()));
      }
      runOnce(pending.poll());
    }
  }

  // ---- One run -------------------------------------------------------------------------------

  private void runOnce(JobTrigger trigger) {
    long number = ++runs;
    Instant startedAt = now();
    running = trigger;
    current = new JobRun(number, trigger, startedAt, null, null, spec.dryRun(), "running");
    showStatus();
    JobRun run;
    try {
      if (spec.action().runsAsChild()) {
        Map<?, ?> report = runBuiltIn(number);
        // The built-in job knows whether its provider was live; the job's own spec cannot.
        boolean dryRun = spec.dryRun() || Boolean.TRUE.equals(report.get("dryRun"));
        run =
            new JobRun(
                number,
                trigger,
                startedAt,
                now(),
                JobOutcome.SUCCEEDED,
                dryRun,
                Clip.of(
                    JobAction.WEBHOOK_RETRY_WORKFLOW
                        + " finished"
                        + (dryRun ? " (dry-run: nothing was sent)" : "")
                        + ": "
                        + report,
                    DETAIL_CHARS));
      } else {
        HttpActionResult result =
            calls().call(new JobCall(spec.name(), spec.action().http(), spec.dryRun()));
        run =
            new JobRun(
                number,
                trigger,
                startedAt,
                now(),
                JobOutcome.SUCCEEDED,
                result.dryRun(),
                Clip.of(result.detail(), DETAIL_CHARS));
      }
    } catch (ActivityFailure | ChildWorkflowFailure failure) {
      run =
          new JobRun(
              number,
              trigger,
              startedAt,
              now(),
              JobOutcome.FAILED,
              spec.dryRun(),
              Clip.of(RootCause.message(failure), DETAIL_CHARS));
    }
    running = null;
    current = null;
    record(run);
  }

  /**
   * Every attempt may take the job's timeout; the job's retry policy decides how many there are.
   */
  private JobActivities calls() {
    JobRetry retry = spec.retry();
    return Workflow.newActivityStub(
        JobActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(spec.timeout())
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(retry.initialInterval())
                    .setBackoffCoefficient(retry.backoffCoefficient())
                    .setMaximumInterval(retry.maximumInterval())
                    .setMaximumAttempts(retry.maximumAttempts())
                    .build())
            .setSummary(
                spec.name()
                    + ": "
                    + spec.action().http().method()
                    + " "
                    + spec.action().http().url())
            .build());
  }

  /**
   * A built-in job runs as a child workflow bound by type name only, so this package does not
   * depend on the package that implements it; its retries are its own, so the child gets none.
   */
  private Map<?, ?> runBuiltIn(long number) {
    ChildWorkflowOptions options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(JobWorkflow.workflowId(spec.name()) + "-run-" + number)
            .setWorkflowExecutionTimeout(spec.timeout())
            .build();
    Map<String, String> parameters = new HashMap<>(spec.action().parameters());
    if (lastSuccess != null
        && Workflow.getVersion(JobVersions.BUILT_IN_SINCE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      // Re-delivering does not clear the provider's "delivery failed" flag, so without a bound
      // every
      // run would list, and send again, what the last good run already settled.
      parameters.putIfAbsent("since", lastSuccess.startedAt().toString());
    }
    Map<?, ?> report =
        Workflow.newUntypedChildWorkflowStub(JobAction.WEBHOOK_RETRY_WORKFLOW, options)
            .execute(Map.class, parameters);
    return report == null ? Map.of() : report;
  }

  private void record(JobRun run) {
    remember(run);
    if (run.outcome() == JobOutcome.SUCCEEDED) {
      succeeded(run);
    } else {
      failed(run);
    }
    showStatus();
  }

  private void remember(JobRun run) {
    history.addFirst(run);
    while (history.size() > HISTORY_SIZE) {
      history.removeLast();
    }
    JobMetrics.ran(spec.name(), run.outcome());
  }

  private void succeeded(JobRun run) {
    boolean wasWarned = warned;
    int streak = consecutiveFailures;
    lastSuccess = run;
    consecutiveFailures = 0;
    warned = false;
    incidentId = null;
    log.info("job {} run {} succeeded: {}", spec.name(), run.number(), run.detail());
    if (wasWarned) {
      notifyChannel(
          "recovered-" + run.number(),
          "✅ Job *" + spec.name() + "* succeeded again after " + streak + " failed runs.");
    }
  }

  private void failed(JobRun run) {
    consecutiveFailures++;
    JobAlerts alerts = spec.alerts();
    log.warn(
        "job {} run {} failed ({} in a row): {}",
        spec.name(),
        run.number(),
        consecutiveFailures,
        run.detail());
    if (!warned && reached(alerts.warnAfter())) {
      warned = true;
      notifyChannel(
          "warning-" + run.number(),
          "⚠️ Job *"
              + spec.name()
              + "* has failed "
              + consecutiveFailures
              + " times in a row. Last error: "
              + run.detail()
              + since());
    }
    if (incidentId == null && reached(alerts.incidentAfter())) {
      declareIncident(run);
    }
  }

  private boolean reached(int threshold) {
    return threshold > 0 && consecutiveFailures >= threshold;
  }

  private String since() {
    return lastSuccess == null
        ? " It has not succeeded yet."
        : " Last success: " + lastSuccess.finishedAt() + ".";
  }

  /** A warning that cannot be posted must not stop the job; it is logged and the job goes on. */
  private void notifyChannel(String key, String text) {
    try {
      chat.post(
          new ThreadMessage(
              JobWorkflow.workflowId(spec.name()) + "/" + key,
              JobWorkflow.workflowId(spec.name()),
              spec.alerts().channel(),
              null,
              text));
    } catch (ActivityFailure failure) {
      log.warn("job {} could not post '{}': {}", spec.name(), key, RootCause.message(failure));
    }
  }

  /**
   * The incident is a child that outlives this workflow (parent close policy ABANDON). Its id is
   * derived from the job and the run, so a replay or retry can never declare it twice.
   */
  private void declareIncident(JobRun run) {
    JobAlerts alerts = spec.alerts();
    String id = "INC-" + DAY.format(now()) + "-" + spec.name() + "-" + run.number();
    Declaration declaration =
        new Declaration(
            id,
            "Scheduled job " + spec.name() + " failed " + consecutiveFailures + " times in a row",
            alerts.severity(),
            alerts.service(),
            "Last error: "
                + run.detail()
                + since()
                + " Schedule: "
                + spec.cron()
                + " ("
                + spec.timeZone()
                + ").",
            null,
            "firebreak-jobs",
            null);
    Optional<String> notStarted =
        ChildIncident.declare(
            declaration,
            alerts.severity(),
            alerts.incidentPolicy(),
            alerts.severity() + " · " + alerts.service() + " · job " + spec.name() + " failing",
            ChildWorkflowOptions.newBuilder().setTaskQueue(TaskQueue.NAME));
    if (notStarted.isEmpty()) {
      incidentId = id;
      log.warn(
          "job {} declared {} after {} failures in a row", spec.name(), id, consecutiveFailures);
    } else {
      log.warn("job {} could not declare {}: {}", spec.name(), id, notStarted.get());
    }
  }

  // ---- Signals and updates -------------------------------------------------------------------

  @Override
  public void due(JobTrigger trigger) {
    if (paused) {
      skip(trigger, "paused by " + pausedBy);
    } else if (pending.stream().anyMatch(t -> JobTrigger.SCHEDULED.equals(t.kind()))) {
      skip(trigger, "the previous run is still going and the next one is already queued");
    } else {
      pending.add(trigger);
    }
  }

  private void skip(JobTrigger trigger, String why) {
    Instant at = now();
    remember(
        new JobRun(++runs, trigger, at, at, JobOutcome.SKIPPED, spec.dryRun(), "Skipped: " + why));
    log.info("job {} run due at {} skipped: {}", spec.name(), trigger.dueAt(), why);
  }

  @Override
  public void configure(JobSpec next) {
    if (!next.equals(spec)) {
      log.info("job {} configuration changed", spec.name());
      spec = next;
      showStatus();
    }
  }

  @Override
  public void retire() {
    retired = true;
  }

  @Override
  public void validateRunNow(JobCommand command) {
    requireBy(command);
    if (pending.stream().anyMatch(t -> JobTrigger.MANUAL.equals(t.kind()))) {
      throw refusal("a manual run of " + spec.name() + " is already queued");
    }
  }

  @Override
  public JobView runNow(JobCommand command) {
    JobTrigger trigger = JobTrigger.manual(command.by(), now());
    boolean idle = running == null && pending.isEmpty();
    pending.add(trigger);
    log.info("job {} run requested by {}", spec.name(), command.by());
    if (idle
        && Workflow.getVersion(JobVersions.RUN_NOW_ANSWERS_THE_RUN, Workflow.DEFAULT_VERSION, 1)
            >= 1) {
      // The main loop starts it in this same workflow task, so the caller waits for nothing but is
      // answered with the run (its number); behind a run in progress it is answered as queued.
      Workflow.await(() -> running == trigger || retired);
    }
    return view();
  }

  @Override
  public void validatePause(JobCommand command) {
    requireBy(command);
    if (paused) {
      throw refusal(spec.name() + " is already paused (by " + pausedBy + ")");
    }
  }

  @Override
  public JobView pause(JobCommand command) {
    paused = true;
    pausedBy = command.by();
    pending.removeIf(t -> JobTrigger.SCHEDULED.equals(t.kind()));
    log.info(
        "job {} paused by {}{}",
        spec.name(),
        command.by(),
        command.reason() == null ? "" : ": " + command.reason());
    showStatus();
    return view();
  }

  @Override
  public void validateResume(JobCommand command) {
    requireBy(command);
    if (!paused) {
      throw refusal(spec.name() + " is not paused");
    }
  }

  @Override
  public JobView resume(JobCommand command) {
    paused = false;
    pausedBy = null;
    log.info("job {} resumed by {}", spec.name(), command.by());
    showStatus();
    return view();
  }

  @Override
  public JobView view() {
    return new JobView(
        spec.name(),
        spec.cron(),
        spec.timeZone(),
        spec.action().kind(),
        spec.dryRun(),
        paused,
        pausedBy,
        running != null,
        consecutiveFailures,
        runs,
        history.peekFirst(),
        lastSuccess,
        incidentId,
        List.copyOf(history),
        current);
  }

  // ---- Small rules ---------------------------------------------------------------------------

  private JobRecord record() {
    return new JobRecord(
        runs,
        List.copyOf(history),
        lastSuccess,
        consecutiveFailures,
        paused,
        pausedBy,
        new ArrayList<>(pending),
        warned,
        incidentId);
  }

  private boolean historyIsLong() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > HISTORY_EVENT_LIMIT;
  }

  private void showStatus() {
    String state = paused ? "paused by " + pausedBy : running != null ? "running" : "idle";
    Workflow.setCurrentDetails(
        "**"
            + spec.name()
            + "** · "
            + spec.cron()
            + " ("
            + spec.timeZone()
            + ") · "
            + state
            + (consecutiveFailures == 0 ? "" : " · " + consecutiveFailures + " failures in a row"));
  }

  private static void requireBy(JobCommand command) {
    if (command == null || command.by() == null || command.by().isBlank()) {
      throw refusal("'by' is required: say who is asking");
    }
  }

  private static ApplicationFailure refusal(String message) {
    return ApplicationFailure.newFailure(message, Refusals.INVALID_JOB_COMMAND);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
