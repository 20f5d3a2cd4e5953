package dev.firebreak.activities.deploy;

import dev.firebreak.workflows.common.Delivery;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polls a platform until a deploy or rollback is live. Each poll heartbeats, so a worker that dies
 * mid-wait is noticed within the heartbeat timeout and the retry resumes polling (polling is
 * harmless to repeat).
 */
final class LivePolling {

  private LivePolling() {}

  /**
   * @param what named in the failure when the wait is interrupted
   * @param failureType the non-retryable failure's type when the platform reports a failure
   */
  static Delivery untilLive(
      Supplier<RollbackProgress> poll, Duration interval, String what, String failureType) {
    while (true) {
      RollbackProgress progress = poll.get();
      Activity.getExecutionContext().heartbeat(progress.detail());
      switch (progress.phase()) {
        case LIVE -> {
          return Delivery.sent(progress.detail());
        }
        case FAILED ->
            throw ApplicationFailure.newNonRetryableFailure(progress.detail(), failureType);
        case PENDING -> pause(interval, what);
      }
    }
  }

  private static void pause(Duration interval, String what) {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while waiting for " + what, "Interrupted");
    }
  }
}
