package dev.firebreak.starter.schedules;

import dev.firebreak.workflows.job.JobSpec;
import dev.firebreak.workflows.job.JobTick;
import dev.firebreak.workflows.job.JobState;
import dev.firebreak.workflows.job.JobWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  private final WorkflowClient client;
  private final JobScheduler scheduler;
  private final String taskQueue;

  public JobReconciler(WorkflowClient client, JobScheduler scheduler, String taskQueue) {
    this.client = client;
    this.scheduler = scheduler;
    this.taskQueue = taskQueue;
  }

  /** What one reconciliation did, by job name. */
  public record Outcome(List<String> added, List<String> changed, List<String> removed, List<String> unchanged) {}

  public Outcome reconcile(List<JobSpec> jobs) {
    Map<String, JobTick> installed = scheduler.installed();
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (JobSpec job : jobs) {
      configure(job);
      JobTick wanted = JobTick.of(job);
      JobTick current = installed.get(job.name());
      if (wanted.equals(current)) {
        unchanged.add(job.name());
        continue;
      }
      scheduler.install(wanted);
      (current == null ? added : changed).add(job.name());
      log.info("job {} {} at '{}' ({})", job.name(), current == null ? "scheduled" : "rescheduled", job.cron(), job.timeZone());
    }
    Set<String> configured = jobs.stream().map(JobSpec::name).collect(Collectors.toSet());
    List<String> removed = installed.keySet().stream().filter(name -> !configured.contains(name)).sorted().toList();
    removed.forEach(this::remove);
    log.info("Jobs reconciled with {}: {} added, {} changed, {} removed, {} unchanged", scheduler.describe(),
        added.size(), changed.size(), removed.size(), unchanged.size());
    return new Outcome(added, changed, removed, unchanged);
  }

  /** Starts the job's workflow if it is not running, and hands it the configuration either way. */
  private void configure(JobSpec job) {
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(JobWorkflow.workflowId(job.name()))
        .setTaskQueue(taskQueue)
        .setStaticSummary("Scheduled job " + job.name() + " · " + job.cron() + " (" + job.timeZone() + ")")
        .build();
    client.newUntypedWorkflowStub(JobWorkflow.class.getSimpleName(), options)
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
