package dev.firebreak.starter.schedules;

import dev.firebreak.starter.service.InParallel;
import dev.firebreak.workflows.job.JobGroup;
import dev.firebreak.workflows.job.JobSpec;
import dev.firebreak.workflows.job.JobState;
import dev.firebreak.workflows.job.JobTick;
import dev.firebreak.workflows.job.JobWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Temporal match the config's jobs at start: every configured job has its workflow (started,
 * or told its configuration) and is fired at its configured timing; a job no longer configured
 * stops being fired and its workflow finishes. Running it again changes nothing.
 */
public final class JobReconciler {

  private static final Logger log = LoggerFactory.getLogger(JobReconciler.class);

  /**
   * Calls to Temporal in flight at once while reconciling: enough to hide round trips, few for the
   * server. Each job costs a signal-with-start, one server round trip: one after the other,
   * hundreds of jobs keep a worker's start waiting for minutes on a busy server.
   */
  private static final int PARALLEL_CALLS = 8;

  private final WorkflowClient client;
  private final JobScheduler scheduler;
  private final String taskQueue;

  public JobReconciler(WorkflowClient client, JobScheduler scheduler, String taskQueue) {
    this.client = client;
    this.scheduler = scheduler;
    this.taskQueue = taskQueue;
  }

  /** What one reconciliation did, by job name. */
  public record Outcome(
      List<String> added, List<String> changed, List<String> removed, List<String> unchanged) {}

  /**
   * Every job's workflow first, then the groups: a group Schedule fires only jobs whose workflow
   * exists, and a group unchanged in timing and members is left alone, so a reconcile of an
   * unchanged config creates, updates and deletes nothing. What is no longer wanted (a group whose
   * timing no job has any more, a per-job Schedule or tick from a version before groups) goes
   * before what replaces it is installed: a job moved from its old per-job Schedule to its group
   * may miss a firing that falls in that moment, but is not fired twice for it. A failure in one
   * step is rethrown once every step has been tried, so one refused call does not leave the rest
   * unreconciled.
   */
  public Outcome reconcile(List<JobSpec> jobs) {
    Map<String, JobGroup> installed = scheduler.installed();
    Map<String, JobTick> timings = new HashMap<>();
    installed
        .values()
        .forEach(group -> group.jobs().forEach(job -> timings.put(job, tick(group, job))));
    Map<String, JobGroup> wanted = JobGroups.of(jobs);
    List<String> stale =
        installed.keySet().stream().filter(id -> !wanted.containsKey(id)).sorted().toList();
    List<String> toInstall =
        wanted.keySet().stream().filter(id -> !wanted.get(id).equals(installed.get(id))).toList();
    Set<String> configured = jobs.stream().map(JobSpec::name).collect(Collectors.toSet());
    List<String> removed =
        timings.keySet().stream().filter(name -> !configured.contains(name)).sorted().toList();

    Failures failures = new Failures();
    List<Change> changes =
        failures.attempt(
            () ->
                InParallel.apply(
                    PARALLEL_CALLS, jobs, job -> reconcileOne(job, timings.get(job.name()))));
    failures.attempt(
        () -> InParallel.apply(PARALLEL_CALLS, stale, id -> run(() -> scheduler.uninstall(id))));
    failures.attempt(
        () ->
            InParallel.apply(
                PARALLEL_CALLS, toInstall, id -> run(() -> install(id, wanted.get(id)))));
    failures.attempt(
        () -> InParallel.apply(PARALLEL_CALLS, removed, job -> run(() -> retire(job))));
    failures.rethrow();

    List<String> added = names(jobs, changes, Change.ADDED);
    List<String> changed = names(jobs, changes, Change.CHANGED);
    List<String> unchanged = names(jobs, changes, Change.UNCHANGED);
    log.info(
        "Jobs reconciled with {}: {} added, {} changed, {} removed, {} unchanged"
            + " ({} group(s) installed, {} Schedule(s) or cron workflow(s) removed)",
        scheduler.describe(),
        added.size(),
        changed.size(),
        removed.size(),
        unchanged.size(),
        toInstall.size(),
        stale.size());
    return new Outcome(added, changed, removed, unchanged);
  }

  private void install(String id, JobGroup group) {
    scheduler.install(id, group);
    log.info(
        "{} fires {} job(s) at '{}' ({})", id, group.jobs().size(), group.cron(), group.timeZone());
  }

  private static Void run(Runnable step) {
    step.run();
    return null;
  }

  /** The first failure of the reconcile's steps, kept until all of them have been tried. */
  private static final class Failures {
    private RuntimeException first;

    <R> R attempt(Supplier<R> step) {
      try {
        return step.get();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
        return null;
      }
    }

    void rethrow() {
      if (first != null) {
        throw first;
      }
    }
  }

  private static JobTick tick(JobGroup group, String job) {
    return new JobTick(job, group.cron(), group.timeZone());
  }

  private enum Change {
    ADDED,
    CHANGED,
    UNCHANGED
  }

  private Change reconcileOne(JobSpec job, JobTick current) {
    configure(job);
    JobTick wanted = JobTick.of(job);
    if (wanted.equals(current)) {
      return Change.UNCHANGED;
    }
    log.info(
        "job {} {} at '{}' ({})",
        job.name(),
        current == null ? "scheduled" : "rescheduled",
        job.cron(),
        job.timeZone());
    return current == null ? Change.ADDED : Change.CHANGED;
  }

  private static List<String> names(List<JobSpec> jobs, List<Change> changes, Change kind) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      if (changes.get(i) == kind) {
        names.add(jobs.get(i).name());
      }
    }
    return names;
  }

  /** Starts the job's workflow if it is not running, and hands it the configuration either way. */
  private void configure(JobSpec job) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(JobWorkflow.workflowId(job.name()))
            .setTaskQueue(taskQueue)
            .setStaticSummary(
                "Scheduled job " + job.name() + " · " + job.cron() + " (" + job.timeZone() + ")")
            .build();
    client
        .newUntypedWorkflowStub(JobWorkflow.class.getSimpleName(), options)
        .signalWithStart("configure", new Object[] {job}, new Object[] {JobState.configured(job)});
  }

  private void retire(String job) {
    try {
      client.newWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(job)).retire();
    } catch (WorkflowNotFoundException gone) {
      log.info("job {} had no running workflow to retire", job);
    }
    log.info("job {} removed: no longer in the configuration", job);
  }
}
