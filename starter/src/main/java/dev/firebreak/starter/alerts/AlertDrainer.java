package dev.firebreak.starter.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what the {@link AlertJournal} accepted, at the pace Temporal takes it, so that a
 * sender's 202 does not wait for a signal-with-start. Alerts are spread over {@link #LANES} lanes
 * by incident id: one incident's alerts arrive in the order they were accepted (a firing before its
 * resolution), and different incidents' go in parallel. A delivery that fails is tried again, with
 * a growing pause, until it succeeds or the API stops; what is left then is in the journal for the
 * next start.
 */
public final class AlertDrainer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertDrainer.class);

  static final int LANES = 16;
  private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

  /** Delivers one alert to its incident; throws when it could not (Temporal unreachable, ...). */
  public interface Delivery {
    void deliver(JournaledAlert alert);
  }

  private final AlertJournal journal;
  private final Delivery delivery;
  private final List<BlockingQueue<JournaledAlert>> lanes = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;

  private AlertDrainer(AlertJournal journal, Delivery delivery) {
    this.journal = journal;
    this.delivery = delivery;
  }

  /** Starts the lanes and hands them what the journal's last run left undelivered. */
  public static AlertDrainer start(AlertJournal journal, Delivery delivery) {
    AlertDrainer drainer = new AlertDrainer(journal, delivery);
    for (int i = 0; i < LANES; i++) {
      BlockingQueue<JournaledAlert> lane = new LinkedBlockingQueue<>();
      drainer.lanes.add(lane);
      Thread thread = new Thread(() -> drainer.drain(lane), "alert-drainer-" + i);
      thread.setDaemon(true);
      drainer.threads.add(thread);
    }
    drainer.submit(journal.pending());
    drainer.threads.forEach(Thread::start);
    return drainer;
  }

  /** Queues journaled alerts for delivery. */
  public void submit(List<JournaledAlert> alerts) {
    for (JournaledAlert alert : alerts) {
      lanes.get(Math.floorMod(alert.incidentId().hashCode(), LANES)).add(alert);
    }
  }

  private void drain(BlockingQueue<JournaledAlert> lane) {
    try {
      while (!stopping) {
        JournaledAlert alert = lane.poll(1, TimeUnit.SECONDS);
        if (alert != null && deliverUntilDone(alert)) {
          journal.delivered(alert);
        }
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  /** False when the drainer stopped first: the alert stays in the journal for the next start. */
  private boolean deliverUntilDone(JournaledAlert alert) throws InterruptedException {
    Duration pause = FIRST_PAUSE;
    for (int attempt = 1; !stopping; attempt++) {
      try {
        delivery.deliver(alert);
        return true;
      } catch (RuntimeException failed) {
        if (attempt == 1 || attempt % 10 == 0) {
          log.warn(
              "{}: could not deliver an accepted alert yet (attempt {}, trying again): {}",
              alert.incidentId(),
              attempt,
              failed.getMessage());
        }
        Thread.sleep(pause.toMillis());
        pause =
            pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                ? LONGEST_PAUSE
                : pause.multipliedBy(2);
      }
    }
    return false;
  }

  /** Stops the lanes; alerts not yet delivered stay in the journal. */
  @Override
  public void close() {
    stopping = true;
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
