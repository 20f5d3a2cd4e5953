package dev.firebreak.workflows.incident;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The incident's one timer (escalation, overdue updates, monitoring checks, post-mortem reminders
 * all share it), like the samples' {@code UpdatableTimer}: the loop sleeps until the earliest
 * deadline, and a handler that moves a deadline wakes it just by changing the state the deadline is
 * computed from. One timer per distinct deadline: a wake-up that leaves the deadline where it was
 * keeps the running timer, and a deadline that moved cancels the old timer rather than letting it
 * fire for nothing (each wasted firing costs a workflow task in history).
 */
final class Deadlines {

  private Instant timerDeadline;
  private CancellationScope timerScope;
  private Promise<Void> timer;
  private boolean interrupted;

  /**
   * Sleeps until {@code deadline} (asked again whenever something happens), until it moves, or
   * until {@link #interrupt()}; returns at once when it has passed. A null deadline sleeps until it
   * appears or the sleep is interrupted.
   */
  void sleep(Supplier<Instant> deadline) {
    interrupted = false;
    Instant next = deadline.get();
    if (!Objects.equals(next, timerDeadline)) {
      if (timerScope != null) {
        timerScope.cancel();
      }
      timerScope = null;
      timer = null;
      timerDeadline = next;
      if (next != null) {
        Duration wait = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), next);
        if (wait.isNegative() || wait.isZero()) {
          timerDeadline = null;
          return;
        }
        timerScope = Workflow.newCancellationScope(() -> timer = Workflow.newTimer(wait));
        timerScope.run();
        // A cancelled timer fails its promise; nobody needs that failure, so say it is handled.
        timer.handle((fired, cancelled) -> null);
      }
    }
    Instant timing = next;
    Workflow.await(() -> interrupted || fired() || !Objects.equals(deadline.get(), timing));
    if (fired()) {
      timerDeadline = null;
      timerScope = null;
      timer = null;
    }
  }

  /**
   * Wakes the sleeper for a change that moves no deadline but needs the loop (a new status, an
   * alert).
   */
  void interrupt() {
    interrupted = true;
  }

  private boolean fired() {
    return timer != null && timer.isCompleted();
  }

  /** The earliest deadline the incident's state has now; null when nothing is timed. */
  static Instant next(Incident incident, UpdateCadence cadence, Instant now) {
    List<Instant> deadlines = new ArrayList<>();
    IncidentStatus status = incident.status();
    switch (status) {
      case DECLARED, ACKNOWLEDGED, ASSESSING, MITIGATING -> {
        if (status == IncidentStatus.DECLARED) {
          deadlines.add(incident.escalation.nextAt());
        }
        if (status == IncidentStatus.ACKNOWLEDGED && !incident.assessment.assessed()) {
          deadlines.add(now);
        }
        deadlines.add(cadence.due(incident));
      }
      case MONITORING -> {
        deadlines.add(incident.monitoring.nextCheckAt());
        deadlines.add(incident.monitoring.endsAt());
      }
      case POST_MORTEM -> deadlines.add(incident.postMortem.nextReminderAt());
      case CLOSED -> {}
    }
    return deadlines.stream().filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
  }
}
