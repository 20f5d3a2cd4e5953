package dev.firebreak.starter.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Calls to Temporal for many jobs or heartbeats, a few at a time: one after the other, each waits a
 * server round trip. Results come in the order given; the first failure is rethrown once all have
 * been tried, so one bad job does not leave the others undone.
 */
public final class InParallel {

  private InParallel() {}

  public static <T, R> List<R> apply(int atOnce, List<T> items, Function<T, R> work) {
    if (items.size() <= 1) {
      return items.stream().map(work).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(atOnce, items.size()));
    try {
      List<Future<R>> futures =
          items.stream().map(item -> pool.submit(() -> work.apply(item))).toList();
      List<R> results = new ArrayList<>();
      RuntimeException first = null;
      for (Future<R> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          results.add(null);
          if (first == null) {
            first =
                e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while calling Temporal", e);
        }
      }
      if (first != null) {
        throw first;
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
