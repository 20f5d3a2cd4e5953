package dev.firebreak.workflows.job;

import dev.firebreak.workflows.action.HttpActionResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * A job's call. Its own activity type rather than the generic HTTP action's, so a worker can run
 * one job live and another dry-run (a job whose secret is not set) with both implementations
 * registered.
 */
@ActivityInterface(namePrefix = "Job")
public interface JobActivities {

  /** Fails like the generic HTTP action: 429 and 5xx retryable, other statuses not. */
  @ActivityMethod
  HttpActionResult call(JobCall call);
}
