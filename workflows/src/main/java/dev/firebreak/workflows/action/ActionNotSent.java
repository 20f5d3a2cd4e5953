package dev.firebreak.workflows.action;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;

/**
 * The failures of {@link HttpActionActivities#perform} that mean no request left Firebreak: a
 * secret the action references is not set, or the action cannot be built into a request. Whoever
 * ran the action can count on nothing having changed at the far end. The activities throw these
 * types (by these constants); they live here because workflow code reads them and cannot depend on
 * activities.
 */
public final class ActionNotSent {

  /** An {@code ${ENV}} reference whose variable is not set. */
  public static final String MISSING_VARIABLE = "MissingEnvironmentVariable";

  /** An action that cannot be sent as configured (no http(s) URL, a header with a line break). */
  public static final String INVALID_ACTION = "InvalidHttpAction";

  private static final Set<String> TYPES = Set.of(MISSING_VARIABLE, INVALID_ACTION);

  private ActionNotSent() {}

  /** True when the action failed before sending anything. */
  public static boolean is(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure refused
        && TYPES.contains(refused.getType());
  }
}
