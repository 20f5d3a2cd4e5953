package dev.firebreak.workflows.job;

import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.action.HttpActionResult;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.Refusals;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.playbook.ActionParameters;
import dev.firebreak.workflows.playbook.InvalidParameters;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * workflow continues as new when the server suggests it, so a 15-minute job can run for years. A
 * failing streak's warning, incident and recovery are {@link JobFailureAlerts}' (as {@link
 * JobFailureStreak} decides).
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

  private final Deque<JobRun> history = new ArrayDeque<>();
  private final Deque<JobTrigger> pending = new ArrayDeque<>();
  private final JobFailureStreak streak;
  private final JobFailureAlerts failureAlerts;

  private JobSpec spec;
  private long runs;
  private JobRun lastSuccess;
  private boolean paused;
  private String pausedBy;
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
    this.streak = new JobFailureStreak(record);
    this.failureAlerts = new JobFailureAlerts(streak);
    this.paused = record.paused();
    this.pausedBy = record.pausedBy();
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
            calls().call(new JobCall(spec.name(), callWith(trigger), spec.dryRun()));
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
      run = failed(number, trigger, startedAt, RootCause.message(failure));
    } catch (InvalidParameters invalid) {
      // The configuration changed under a queued run (a parameter it gave was removed): the run
      // fails and says so instead of failing the workflow task forever.
      run = failed(number, trigger, startedAt, invalid.getMessage());
    }
    running = null;
    current = null;
    record(run);
  }

  private JobRun failed(long number, JobTrigger trigger, Instant startedAt, String why) {
    return new JobRun(
        number,
        trigger,
        startedAt,
        now(),
        JobOutcome.FAILED,
        spec.dryRun(),
        Clip.of(why, DETAIL_CHARS));
  }

  /**
   * The configured call with the run's parameters filled in: the person's values, else the
   * defaults. A job without parameters sends its call untouched, as before jobs took any.
   */
  private HttpAction callWith(JobTrigger trigger) {
    HttpAction call = spec.action().http();
    if (spec.parameters().isEmpty() && trigger.parameters().isEmpty()) {
      return call;
    }
    return ActionParameters.substitute(
        call, ActionParameters.validate(spec.parameters(), trigger.parameters()));
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
      lastSuccess = run;
      failureAlerts.succeeded(spec, run);
    } else {
      failureAlerts.failed(spec, run, lastSuccess);
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
    try {
      ActionParameters.validate(spec.parameters(), command.parameters());
    } catch (InvalidParameters invalid) {
      throw refusal(spec.name() + " cannot run with these parameters: " + invalid.getMessage());
    }
    if (pending.stream().anyMatch(t -> JobTrigger.MANUAL.equals(t.kind()))) {
      throw refusal("a manual run of " + spec.name() + " is already queued");
    }
  }

  @Override
  public JobView runNow(JobCommand command) {
    JobTrigger trigger = JobTrigger.manual(command.by(), now(), command.parameters());
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
        streak.consecutiveFailures(),
        runs,
        history.peekFirst(),
        lastSuccess,
        streak.incidentId(),
        List.copyOf(history),
        current);
  }

  // ---- Small rules ---------------------------------------------------------------------------

  private JobRecord record() {
    return new JobRecord(
        runs,
        List.copyOf(history),
        lastSuccess,
        streak.consecutiveFailures(),
        paused,
        pausedBy,
        new ArrayList<>(pending),
        streak.warned(),
        streak.incidentId());
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
            + (streak.consecutiveFailures() == 0
                ? ""
                : " · " + streak.consecutiveFailures() + " failures in a row"));
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
