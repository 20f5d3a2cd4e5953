package dev.firebreak.workflows.common;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The activity options the workflows share, so telling people and reading a provider behave the
 * same in an incident, a rollback, a maintenance window and a job. Changing them does not change a
 * history's commands, so recorded histories still replay.
 */
public final class ActivityPolicies {

  /**
   * One attempt of a provider call (a chat post, a page, a status-page update): as long as the
   * worker gives one HTTP call to a provider (10 s), so an attempt still running after that is not
   * waiting for an answer any more. Most likely it died with its worker, and Temporal retries a
   * dead worker's attempt only when this timeout runs out: kept this short, an interrupted call
   * resumes within 15 s of a restarted worker. An attempt of several calls that is cut short is
   * retried; the calls are idempotent by key, so that costs time, never a duplicate.
   */
  public static final Duration PROVIDER_ATTEMPT = Duration.ofSeconds(10);

  /**
   * Chat, mail and status page posts: a provider that is down or rate-limiting is waited out with
   * backoff for up to half an hour (the posts are idempotent by key), one attempt at most {@link
   * #PROVIDER_ATTEMPT}.
   */
  public static final ActivityOptions NOTIFY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(PROVIDER_ATTEMPT)
          .setScheduleToCloseTimeout(Duration.ofMinutes(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  /**
   * A post the workflow waits for before it goes on (a job's warning, a webhook retry's report): a
   * chat outage holds it up for 5 minutes at most, not half an hour.
   */
  public static final ActivityOptions NOTIFY_AWAITED =
      ActivityOptions.newBuilder(NOTIFY).setScheduleToCloseTimeout(Duration.ofMinutes(5)).build();

  /**
   * Health checks and deploy lists: a few quick attempts, because a stale answer is worse than
   * none.
   */
  public static final ActivityOptions READ =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumAttempts(3)
                  .build())
          .build();

  /**
   * Asking an on-call schedule who is on call: a query of the schedule's workflow, answered in
   * milliseconds, on a page's path. An attempt that died with its worker is retried after 5 s, so
   * the page waiting for it leaves soon after the worker is back, not 30 s later, when the next
   * level may already have been paged.
   */
  public static final ActivityOptions ONCALL_LOOKUP =
      ActivityOptions.newBuilder(READ).setStartToCloseTimeout(Duration.ofSeconds(5)).build();

  /**
   * Health checks. A failing check is confirmed by rechecks inside the activity before it counts
   * (the config allows up to 3 checks of 10 s, 10 s apart), so one attempt may take most of a
   * minute; a shorter limit would turn a confirmation in progress into "could not check".
   */
  public static final ActivityOptions HEALTH =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(Duration.ofMinutes(3))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumAttempts(2)
                  .build())
          .build();

  /**
   * A call that changes something on a platform (a rollback, an environment variable, a deploy, a
   * restart): retried with backoff for up to 5 minutes, because every such call compares or adopts
   * before it writes, so a retry after a lost answer never does it twice.
   */
  public static final ActivityOptions CHANGE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  /**
   * Waiting until a platform serves a deploy or rollback: one heartbeating activity that polls
   * every {@code pollInterval} for at most {@code liveTimeout}. A worker that dies mid-wait is
   * noticed within three polls (10 s at least), and the retry resumes polling.
   *
   * @param summary what the Temporal UI shows for the wait
   */
  public static ActivityOptions untilLive(
      Duration liveTimeout, Duration pollInterval, String summary) {
    Duration threePolls = pollInterval.multipliedBy(3);
    Duration floor = Duration.ofSeconds(10);
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(liveTimeout)
        .setHeartbeatTimeout(threePolls.compareTo(floor) > 0 ? threePolls : floor)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumAttempts(3)
                .build())
        .setSummary(summary)
        .build();
  }

  private ActivityPolicies() {}
}
