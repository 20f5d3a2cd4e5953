package dev.firebreak.starter.service;

import dev.firebreak.workflows.common.HumanDuration;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The API's time limits on Temporal, enforced as gRPC deadlines: every Temporal call a handler
 * makes (including the SDK's own retries and the long poll that waits for an update to be accepted)
 * runs inside a context whose deadline is the limit, so a stuck workflow, a missing worker or an
 * unreachable Temporal costs the caller the limit and no more, and the answer names what was slow.
 */
public final class TemporalDeadlines {

  private final Duration read;
  private final Duration command;
  private final Duration perItem;
  private final ScheduledExecutorService timer;
  private final ExecutorService rows;

  /**
   * @param read a look at one incident, window or job, and a whole list
   * @param command a command (resolve runs health checks inside the workflow) or a declaration
   * @param perItem one row of a list: a row that takes longer is shown as unread, not waited for
   */
  private TemporalDeadlines(Duration read, Duration command, Duration perItem) {
    this.read = read;
    this.command = command;
    this.perItem = perItem;
    // Daemon threads: a process that stops never waits on a read nobody is waiting for any more.
    this.timer =
        Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "api-deadlines"));
    this.rows = Executors.newFixedThreadPool(8, runnable -> daemon(runnable, "api-list-rows"));
  }

  /** What the API states in the README: 10 s to read, 30 s for a command, 2 s per listed row. */
  public static TemporalDeadlines standard() {
    return of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(2));
  }

  public static TemporalDeadlines of(Duration read, Duration command, Duration perItem) {
    return new TemporalDeadlines(read, command, perItem);
  }

  public Duration read() {
    return read;
  }

  public Duration command() {
    return command;
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Runs the Temporal calls in {@code call} under the deadline. When it passes, the caller gets
   * {@code onTimeout}'s error; an unreachable Temporal is left to {@link TemporalFailures} (503).
   */
  public <T> T within(Duration limit, Supplier<T> call, Function<String, Refusal> onTimeout) {
    Context.CancellableContext context =
        Context.current().withDeadlineAfter(limit.toMillis(), TimeUnit.MILLISECONDS, timer);
    try {
      return context.call(call::get);
    } catch (RuntimeException e) {
      if (!unreachable(e) && (context.getDeadline().isExpired() || timedOut(e))) {
        throw onTimeout.apply(HumanDuration.exact(limit));
      }
      throw e;
    } catch (Exception checked) {
      throw new IllegalStateException(checked);
    } finally {
      context.cancel(null);
    }
  }

  /**
   * For a start (a declaration, a window): when Temporal does not confirm it in time, or cannot be
   * reached, nobody knows whether it took effect, and the caller gets {@code notConfirmed} saying
   * so.
   */
  public <T> T starting(Supplier<T> call, Function<String, Refusal> notConfirmed) {
    try {
      return within(command, call, notConfirmed);
    } catch (RuntimeException e) {
      if (unreachable(e)) {
        throw notConfirmed.apply(HumanDuration.exact(command));
      }
      throw e;
    }
  }

  public void within(Duration limit, Runnable call, Function<String, Refusal> onTimeout) {
    within(
        limit,
        () -> {
          call.run();
          return null;
        },
        onTimeout);
  }

  /**
   * Reads every row at once, each under {@link #perItem}; a row that fails or does not answer in
   * time becomes {@code unread(item, why)}, so one broken workflow never slows or fails the list.
   */
  public <T, R> List<R> readEach(
      List<T> items, Function<T, R> read, BiFunction<T, String, R> unread) {
    List<CompletableFuture<R>> reads = new ArrayList<>();
    for (T item : items) {
      reads.add(
          CompletableFuture.supplyAsync(
              () ->
                  within(
                      perItem,
                      () -> read.apply(item),
                      limit -> new Refusal(504, "timeout", "did not answer within " + limit)),
              rows));
    }
    List<R> results = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      results.add(await(reads.get(i), items.get(i), unread));
    }
    return results;
  }

  private <T, R> R await(CompletableFuture<R> read, T item, BiFunction<T, String, R> unread) {
    try {
      // A little over the row's own deadline: the deadline ends the call, this only guards the
      // wait.
      return read.get(perItem.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      read.cancel(true);
      return unread.apply(item, "did not answer within " + HumanDuration.exact(perItem));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return unread.apply(
          item, cause instanceof Refusal error ? error.getMessage() : unreadable(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unread.apply(item, "not read (interrupted)");
    }
  }

  private static String unreadable(Throwable cause) {
    return unreachable(cause) ? "not read: Temporal is not reachable" : "could not be read";
  }

  /**
   * The answer when a workflow (or Temporal on its behalf) is slower than the limit; {@code what}
   * names it.
   */
  public static Refusal notAnswering(String what, String limit, String consequence) {
    return new Refusal(
        504,
        "timeout",
        what
            + " did not answer within "
            + limit
            + " (its workflow is busy or stuck, or no worker is running). "
            + consequence);
  }

  private static boolean timedOut(Throwable e) {
    return e instanceof WorkflowUpdateTimeoutOrCancelledException
        || hasStatus(e, Status.Code.DEADLINE_EXCEEDED);
  }

  public static boolean unreachable(Throwable e) {
    return hasStatus(e, Status.Code.UNAVAILABLE);
  }

  private static boolean hasStatus(Throwable e, Status.Code code) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == code) {
        return true;
      }
    }
    return false;
  }
}
