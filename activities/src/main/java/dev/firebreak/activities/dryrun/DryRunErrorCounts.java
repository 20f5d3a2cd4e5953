package dev.firebreak.activities.dryrun;

import dev.firebreak.workflows.diagnostics.ErrorCount;
import dev.firebreak.workflows.diagnostics.ErrorCountActivities;
import dev.firebreak.workflows.diagnostics.ErrorCountQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Error counts when Sentry is not configured: says which query would have run, counts nothing. */
public final class DryRunErrorCounts implements ErrorCountActivities {

  private static final Logger log = LoggerFactory.getLogger(DryRunErrorCounts.class);

  @Override
  public ErrorCount recentErrors(ErrorCountQuery query) {
    String call =
        "dry-run: Sentry stats_v2 category=error project="
            + query.project()
            + " over "
            + query.window();
    log.info("{} {}", query.service(), call);
    return new ErrorCount(query.service(), query.project(), 0, query.window(), true, call);
  }
}
