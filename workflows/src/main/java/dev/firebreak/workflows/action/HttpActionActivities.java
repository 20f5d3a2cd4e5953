package dev.firebreak.workflows.action;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Runs a configured HTTP call. An unexpected status fails the activity (5xx and 429 retryable,
 * other 4xx not), so the workflow's retry policy decides how hard to try.
 */
@ActivityInterface(namePrefix = "Http")
public interface HttpActionActivities {

  @ActivityMethod
  HttpActionResult perform(HttpAction action);
}
