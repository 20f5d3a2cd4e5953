package dev.firebreak.starter.schedules;

import dev.firebreak.workflows.job.JobSpec;
import dev.firebreak.workflows.job.JobState;
import dev.firebreak.workflows.job.JobTick;
import dev.firebreak.workflows.job.JobWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
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
   * server.
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

  public Outcome reconcile(List<JobSpec> jobs) {
    Map<String, JobTick> installed = scheduler.installed();
    List<Change> changes = inParallel(jobs, job -> reconcileOne(job, installed.get(job.name())));
    Set<String> configured = jobs.stream().map(JobSpec::name).collect(Collectors.toSet());
    List<String> removed =
        installed.keySet().stream().filter(name -> !configured.contains(name)).sorted().toList();
    inParallel(
        removed,
        job -> {
          remove(job);
          return null;
        });
    List<String> added = names(jobs, changes, Change.ADDED);
    List<String> changed = names(jobs, changes, Change.CHANGED);
    List<String> unchanged = names(jobs, changes, Change.UNCHANGED);
    log.info(
        "Jobs reconciled with {}: {} added, {} changed, {} removed, {} unchanged",
        scheduler.describe(),
        added.size(),
        changed.size(),
        removed.size(),
        unchanged.size());
    return new Outcome(added, changed, removed, unchanged);
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
    scheduler.install(wanted);
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

  /**
   * Each job costs a signal-with-start and a Schedule call, one server round trip each: one after
   * the other, hundreds of jobs keep a worker's start waiting for minutes on a busy server. A few
   * at a time, in the order given; the first failure is rethrown once all have been tried, so one
   * bad job does not leave the others unreconciled.
   */
  private static <T, R> List<R> inParallel(List<T> items, Function<T, R> work) {
    if (items.size() <= 1) {
      return items.stream().map(work).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_CALLS, items.size()));
    try {
      List<Future<R>> futures =
          items.stream().map(item -> pool.submit(() -> work.apply(item))).toList();
      List<R> results = new ArrayList<>();
      RuntimeException first = null;
      for (Future<R> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          results.add(null);
          if (first == null) {
            first =
                e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reconciling jobs", e);
        }
      }
      if (first != null) {
        throw first;
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
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

  private void remove(String job) {
    scheduler.uninstall(job);
    try {
      client.newWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(job)).retire();
    } catch (WorkflowNotFoundException gone) {
      log.info("job {} had no running workflow to retire", job);
    }
    log.info("job {} removed: no longer in the configuration", job);
  }
}
