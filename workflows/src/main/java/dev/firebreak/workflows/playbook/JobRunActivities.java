package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.job.JobRun;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * A {@code job} action's calls to the job workflow. A workflow cannot send another workflow an
 * update, so asking the job to run now is an activity; waiting for that run's result is another,
 * which polls the job and heartbeats.
 */
@ActivityInterface(namePrefix = "ActionJob")
public interface JobRunActivities {

  /**
   * Asks the job to run now and says so in a sentence. A retried attempt does not queue a second
   * run: the request's id deduplicates it.
   */
  @ActivityMethod
  String runNow(JobRunOrder order);

  /**
   * Waits until the run this order started has finished and returns it; fails (not retried) when
   * the run failed, with the job's own words.
   */
  @ActivityMethod
  JobRun awaitRun(JobRunOrder order);
}
