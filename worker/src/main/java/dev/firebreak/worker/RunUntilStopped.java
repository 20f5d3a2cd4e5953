package dev.firebreak.worker;

import java.util.concurrent.CountDownLatch;

/** Keeps a long-running command alive until the process is told to stop, then closes it cleanly. */
final class RunUntilStopped {

  private RunUntilStopped() {}

  static int await(AutoCloseable running) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    running.close();
                  } catch (Exception e) {
                    System.err.println("error while stopping: " + e.getMessage());
                  } finally {
                    stopped.countDown();
                  }
                },
                "firebreak-shutdown"));
    stopped.await();
    return 0;
  }
}
