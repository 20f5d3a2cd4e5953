package dev.firebreak.workflows.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The deciding rules of a heartbeat, with no Temporal in them so they are tested directly and the
 * API applies the same ones when it coalesces pings. Healthchecks.io's rules: the next ping is
 * expected one period after the last success (or at the cron's next fire after it); from then the
 * heartbeat is late, and down once grace has passed as well. A failure is down at once. An open run
 * ({@code /start}) must finish within maxRunTime, then it is late, and down after grace.
 */
public final class HeartbeatClock {

  private final HeartbeatSpec spec;
  private final CronSchedule cron;

  public HeartbeatClock(HeartbeatSpec spec) {
    this.spec = spec;
    this.cron = spec.period() == null ? CronSchedule.of(spec.cron(), spec.timeZone()) : null;
  }

  /** When the ping after one at {@code from} is due. */
  public Instant expectedAfter(Instant from) {
    return cron == null ? from.plus(spec.period()) : cron.nextAfter(from);
  }

  public HeartbeatState stateAt(HeartbeatRecord record, Instant now) {
    if (record.paused()) {
      return HeartbeatState.PAUSED;
    }
    if (record.failed()) {
      return HeartbeatState.DOWN;
    }
    HeartbeatState state =
        record.expectedFrom() == null
            ? HeartbeatState.NEW
            : phase(expectedAfter(record.expectedFrom()), now);
    Instant runDue = runDue(record);
    if (runDue != null) {
      HeartbeatState run = phase(runDue, now);
      state = run.ordinal() > state.ordinal() ? run : state;
    }
    return state;
  }

  /**
   * The next instant after {@code now} at which the state may change by itself; empty when only a
   * ping or a command can change it (new, paused, failed, or down already).
   */
  public Optional<Instant> nextChange(HeartbeatRecord record, Instant now) {
    if (record.paused() || record.failed()) {
      return Optional.empty();
    }
    Instant due = record.expectedFrom() == null ? null : expectedAfter(record.expectedFrom());
    Instant runDue = runDue(record);
    return Stream.of(due, plusGrace(due), runDue, plusGrace(runDue))
        .filter(t -> t != null && t.isAfter(now))
        .min(Instant::compareTo);
  }

  /**
   * How far a success ping may move the expected time and still be absorbed by the API without a
   * signal: a tenth of the period, and never more than half the grace, so the workflow's deadline
   * is at most that early and a job that pings in time is never declared down. A cron heartbeat's
   * expected time does not move between two fires, so pings in between are absorbed exactly.
   */
  public Duration coalescingTolerance() {
    if (spec.period() == null) {
      return Duration.ZERO;
    }
    Duration halfGrace = spec.grace().dividedBy(2);
    Duration tenth = spec.period().dividedBy(10);
    return tenth.compareTo(halfGrace) < 0 ? tenth : halfGrace;
  }

  /**
   * Whether a success ping at {@code now} must reach the workflow when the last one that did was at
   * {@code signalled} and no run is open: when the expected time has come (the heartbeat may be
   * late or down and this ping brings it back), or when the ping moves the expected time by more
   * than the tolerance.
   */
  public boolean successMatters(Instant signalled, Instant now) {
    Instant due = expectedAfter(signalled);
    if (!now.isBefore(due)) {
      return true;
    }
    return Duration.between(due, expectedAfter(now)).compareTo(coalescingTolerance()) > 0;
  }

  private Instant runDue(HeartbeatRecord record) {
    return record.runStartedAt() == null || spec.maxRunTime() == null
        ? null
        : record.runStartedAt().plus(spec.maxRunTime());
  }

  private Instant plusGrace(Instant due) {
    return due == null ? null : due.plus(spec.grace());
  }

  private HeartbeatState phase(Instant due, Instant now) {
    if (now.isBefore(due)) {
      return HeartbeatState.UP;
    }
    return now.isBefore(due.plus(spec.grace())) ? HeartbeatState.LATE : HeartbeatState.DOWN;
  }
}
