package dev.firebreak.workflows.job;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** What a group's fan-out asks of the worker: tell each job of the group that a run is due. */
@ActivityInterface(namePrefix = "JobGroup")
public interface JobGroupActivities {

  /**
   * Signals {@code due} to each job's workflow, once per firing however often retried.
   *
   * @return the jobs that have no running workflow, in the given order
   */
  @ActivityMethod
  List<String> tellDue(JobDue due);
}
