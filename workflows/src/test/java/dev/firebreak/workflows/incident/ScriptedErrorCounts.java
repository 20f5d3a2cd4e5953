package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.diagnostics.ErrorCount;
import dev.firebreak.workflows.diagnostics.ErrorCountActivities;
import dev.firebreak.workflows.diagnostics.ErrorCountQuery;

/** Workflow tests' error tracker: every project had 42 errors in the window. */
public class ScriptedErrorCounts implements ErrorCountActivities {
  @Override
  public ErrorCount recentErrors(ErrorCountQuery query) {
    return new ErrorCount(query.service(), query.project(), 42, query.window(), false, null);
  }
}
