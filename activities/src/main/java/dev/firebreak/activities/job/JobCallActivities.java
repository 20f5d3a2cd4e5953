package dev.firebreak.activities.job;

import dev.firebreak.workflows.action.HttpActionActivities;
import dev.firebreak.workflows.action.HttpActionResult;
import dev.firebreak.workflows.job.JobActivities;
import dev.firebreak.workflows.job.JobCall;

/**
 * A job's call through the generic HTTP action, live or described: the job's configuration says
 * which (a job whose secrets are not set in this process is dry-run), so one worker serves both.
 */
public final class JobCallActivities implements JobActivities {

  private final HttpActionActivities live;
  private final HttpActionActivities dryRun;

  public JobCallActivities(HttpActionActivities live, HttpActionActivities dryRun) {
    this.live = live;
    this.dryRun = dryRun;
  }

  @Override
  public HttpActionResult call(JobCall call) {
    return (call.dryRun() ? dryRun : live).perform(call.action());
  }
}
