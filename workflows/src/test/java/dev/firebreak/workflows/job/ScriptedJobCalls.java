package dev.firebreak.workflows.job;

import dev.firebreak.workflows.action.HttpActionResult;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workflow tests' cron endpoint: answers 200 unless a test makes the next calls fail with a 503
 * (retryable, as the shared HTTP mapping makes it).
 */
public class ScriptedJobCalls implements JobActivities {
  public final AtomicInteger failuresLeft = new AtomicInteger();
  public volatile boolean alwaysFail;
  public final List<JobCall> calls = new CopyOnWriteArrayList<>();

  @Override
  public HttpActionResult call(JobCall call) {
    calls.add(call);
    if (alwaysFail || failuresLeft.getAndDecrement() > 0) {
      throw ApplicationFailure.newFailure(
          "HTTP action " + call.action().name() + " answered 503: cron endpoint unavailable",
          "HttpStatus503");
    }
    return new HttpActionResult(
        call.action().name(),
        200,
        "{\"ok\":true}",
        call.dryRun(),
        call.action().method() + " " + call.action().url() + " answered 200");
  }
}
