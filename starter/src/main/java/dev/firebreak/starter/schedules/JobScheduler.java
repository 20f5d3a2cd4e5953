package dev.firebreak.starter.schedules;

import dev.firebreak.workflows.job.JobGroup;
import java.util.Map;

/**
 * What fires jobs: Temporal Schedules on a real cluster, cron workflows on the dev server, one per
 * group of jobs that share a cron expression and time zone ({@link JobGroups}). Either way it
 * starts a {@code JobFanOutWorkflow} for the group when it is due, and nothing else: pausing,
 * running now and the history belong to each job's own workflow.
 */
public interface JobScheduler {

  /**
   * What this scheduler fires now, by Schedule or workflow id. A per-job Schedule or cron workflow
   * left by a version before groups shows as a group of one under its old id, so a reconcile
   * replaces it.
   */
  Map<String, JobGroup> installed();

  /** Fires the group's jobs at its timing under this id from now on, replacing what it fired. */
  void install(String id, JobGroup group);

  /** Stops firing what the id fires. */
  void uninstall(String id);

  /** How jobs are fired, for the start-up log. */
  String describe();
}
