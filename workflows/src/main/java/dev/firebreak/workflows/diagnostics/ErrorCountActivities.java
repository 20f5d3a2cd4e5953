package dev.firebreak.workflows.diagnostics;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The assessment's error-tracker reading: how many errors a service raised just now. Read-only. */
@ActivityInterface(namePrefix = "ErrorCounts")
public interface ErrorCountActivities {

  @ActivityMethod
  ErrorCount recentErrors(ErrorCountQuery query);
}
