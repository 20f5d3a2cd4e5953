package dev.firebreak.activities.sentry;

import dev.firebreak.workflows.diagnostics.ErrorCount;
import dev.firebreak.workflows.diagnostics.ErrorCountActivities;
import dev.firebreak.workflows.diagnostics.ErrorCountQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The assessment's error counts, from Sentry. */
public final class SentryErrorCounts implements ErrorCountActivities {

  private static final Logger log = LoggerFactory.getLogger(SentryErrorCounts.class);

  private final SentryClient sentry;

  public SentryErrorCounts(SentryClient sentry) {
    this.sentry = sentry;
  }

  @Override
  public ErrorCount recentErrors(ErrorCountQuery query) {
    long errors = sentry.errorCount(query.project(), query.window());
    log.info(
        "{}: {} Sentry errors in project {} over {}",
        query.service(),
        errors,
        query.project(),
        query.window());
    return new ErrorCount(query.service(), query.project(), errors, query.window(), false, null);
  }
}
