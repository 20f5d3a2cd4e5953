package dev.firebreak.starter.slack;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Slack's 3-second limit whatever Temporal or the health checks are doing: work runs on a
 * small pool, the request waits for it only up to a budget, and an answer that comes later is
 * posted to the request's {@code response_url}. Quick work (nearly everything) answers inline.
 */
final class DeferredReplies implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeferredReplies.class);

  /**
   * Short on purpose: an answer within this is shown at once, anything slower says "working on it"
   * and follows by response_url, so the HTTP 200 stays far inside Slack's 3 s however loaded
   * Temporal is.
   */
  static final Duration DEFAULT_INLINE_BUDGET = Duration.ofMillis(50);

  private static final int THREADS = 16;
  private static final int QUEUE = 512;
  private static final SlackReply BUSY =
      SlackReply.toUser(
          "Firebreak is very busy right now; nothing was done. Try again in a moment.");
  private static final SlackReply FAILED =
      SlackReply.toUser("Something went wrong on our side; the details are in the Firebreak log.");

  /** Posts a late answer to a response_url: {@link ResponseUrls#send} in production. */
  private final BiConsumer<String, SlackReply> responses;

  private final Duration inlineBudget;
  private final ThreadPoolExecutor pool;

  /** Late answers are sent from here, so a slow response_url never holds up the work pool. */
  private final ThreadPoolExecutor senders;

  DeferredReplies(BiConsumer<String, SlackReply> responses, Duration inlineBudget) {
    this.responses = responses;
    this.inlineBudget = inlineBudget;
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            1,
            TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread thread = new Thread(r, "slack-work-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    this.senders =
        new ThreadPoolExecutor(
            4,
            4,
            1,
            TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(QUEUE * 4),
            r -> {
              Thread thread = new Thread(r, "slack-answer-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    senders.allowCoreThreadTimeOut(true);
  }

  /**
   * The work's reply if it is ready within the budget; otherwise {@code pending}, and the reply
   * follows by response_url.
   */
  SlackReply within(Supplier<SlackReply> work, SlackReply pending, String responseUrl) {
    CompletableFuture<SlackReply> reply;
    try {
      reply = CompletableFuture.supplyAsync(work, pool);
    } catch (RejectedExecutionException e) {
      log.warn("Slack work queue full; a command was turned away");
      return BUSY;
    }
    try {
      return reply.get(inlineBudget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      reply.whenCompleteAsync(
          (done, failure) ->
              responses.accept(responseUrl, failure == null ? done : failed(failure)),
          senders);
      return pending;
    } catch (ExecutionException e) {
      return failed(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED;
    }
  }

  /** Runs the work in the background and posts its reply to the response_url. */
  void later(Supplier<SlackReply> work, String responseUrl) {
    try {
      CompletableFuture.supplyAsync(work, pool)
          .whenCompleteAsync(
              (done, failure) ->
                  responses.accept(responseUrl, failure == null ? done : failed(failure)),
              senders);
    } catch (RejectedExecutionException e) {
      log.warn("Slack work queue full; a click was turned away");
      responses.accept(responseUrl, BUSY);
    }
  }

  private static SlackReply failed(Throwable failure) {
    log.error("Slack work failed", failure);
    return FAILED;
  }

  @Override
  public void close() {
    pool.shutdown();
    senders.shutdown();
  }
}
