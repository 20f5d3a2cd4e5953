package dev.firebreak.activities.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long a fake platform takes to make a rollback live: a number of status reads, a delay, or
 * both; or it fails. Real platforms take seconds to minutes, so clients and workflows must poll.
 */
public final class RollbackTiming {

  /** Where a rollback job is, as the platform reports it on a status read. */
  public enum Phase {
    PENDING,
    LIVE,
    FAILED
  }

  private volatile int polls;
  private volatile Duration delay = Duration.ZERO;
  private volatile boolean failing;

  /**
   * Rollbacks started from now on report pending for {@code polls} status reads and for {@code
   * delay}.
   */
  public void takes(int polls, Duration delay) {
    this.polls = polls;
    this.delay = delay;
  }

  /** Rollbacks started from now on end failed instead of live. */
  public void failing(boolean failing) {
    this.failing = failing;
  }

  /**
   * The delay a rollback takes: what a benchmark subtracts to leave the orchestration's own time.
   */
  public Duration delay() {
    return delay;
  }

  Job start() {
    return new Job(polls, Instant.now().plus(delay), failing);
  }

  /** One rollback in progress on the platform. */
  static final class Job {
    private final AtomicInteger pendingReads;
    private final Instant readyAt;
    private final boolean fails;

    private Job(int pendingReads, Instant readyAt, boolean fails) {
      this.pendingReads = new AtomicInteger(pendingReads);
      this.readyAt = readyAt;
      this.fails = fails;
    }

    /** The phase a status read sees; every read counts. */
    Phase read() {
      boolean waited = pendingReads.getAndDecrement() <= 0 && !Instant.now().isBefore(readyAt);
      return !waited ? Phase.PENDING : fails ? Phase.FAILED : Phase.LIVE;
    }

    /** Whether the job ends failed once it finishes. */
    boolean fails() {
      return fails;
    }

    /** The phase without counting a read: a new rollback is refused while one is still pending. */
    boolean finished() {
      return pendingReads.get() <= 0 && !Instant.now().isBefore(readyAt);
    }
  }
}
