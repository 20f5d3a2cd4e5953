package dev.firebreak.starter.schedules;

import dev.firebreak.workflows.job.JobTick;
import java.util.Map;

/**
 * What fires jobs: Temporal Schedules on a real cluster, cron workflows on the dev server. Either
 * way it starts a {@code JobTickWorkflow} for the job when it is due, and nothing else: pausing,
 * running now and the history belong to the job's own workflow.
 */
public interface JobScheduler {

  /** The jobs this scheduler fires now, by name. */
  Map<String, JobTick> installed();

  /** Fires the job at this timing from now on, replacing whatever timing it had. */
  void install(JobTick timing);

  /** Stops firing the job. */
  void uninstall(String job);

  /** How jobs are fired, for the start-up log. */
  String describe();
}
