package dev.firebreak.worker;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.JobConfig;
import dev.firebreak.starter.config.JobSpecFactory;
import dev.firebreak.starter.schedules.JobReconciler;
import dev.firebreak.starter.schedules.JobSchedulers;
import dev.firebreak.workflows.common.TaskQueue;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's start-up step for jobs: make Temporal's jobs match the config (Schedules or cron
 * workflows, whichever the server has), and say which jobs are dry-run and why.
 */
final class ScheduledJobs {

  private static final Logger log = LoggerFactory.getLogger(ScheduledJobs.class);

  private ScheduledJobs() {}

  static JobReconciler.Outcome reconcile(
      WorkflowClient client,
      FirebreakConfig config,
      Function<String, String> env,
      boolean searchAttributes) {
    JobSpecFactory specs =
        new JobSpecFactory(config, new IncidentPolicyFactory(config, searchAttributes), env);
    for (JobConfig job : config.jobs()) {
      List<String> missing = specs.missingVariables(job);
      if (!missing.isEmpty()) {
        log.info("Job {}: dry-run (set {} to go live)", job.name(), String.join(", ", missing));
      }
    }
    String queue = TaskQueue.NAME;
    return new JobReconciler(client, JobSchedulers.forServer(client, queue), queue)
        .reconcile(specs.specs());
  }
}
