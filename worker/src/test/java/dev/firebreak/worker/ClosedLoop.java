package dev.firebreak.worker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop load: exactly {@code inFlight} tasks going until {@code count} have run, each
 * sender starting its next task when its last one is done. Bounding what is in flight is what makes
 * a latency comparable: the embedded server's queues are not FIFO, and an open backlog measures the
 * queue.
 */
final class ClosedLoop {

  interface Task {
    void run(int index) throws Exception;
  }

  private ClosedLoop() {}

  static void run(int count, int inFlight, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(inFlight);
    List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < inFlight; t++) {
      pool.execute(
          () -> {
            try {
              for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                task.run(i);
              }
            } catch (Exception e) {
              failures.add(e);
            } finally {
              done.countDown();
            }
          });
    }
    done.await();
    pool.shutdown();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}
