package dev.firebreak.workflows.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workflow tests' maintenance notices: remembers which incidents would have been announced to
 * running windows, and silences alerts until {@link #silencedUntil} while a test sets it; fails to
 * tell them while {@link #failing}.
 */
public class RecordingNotices implements MaintenanceNoticeActivities {
  public final List<IncidentNotice> notices = new CopyOnWriteArrayList<>();
  public final List<SilencedAlert> silenced = new CopyOnWriteArrayList<>();
  public volatile Instant silencedUntil;

  /** While true, telling the windows fails as a worker in trouble would. */
  public volatile boolean failing;

  /** Every attempt to tell the windows, failed ones included. */
  public final AtomicInteger attempts = new AtomicInteger();

  @Override
  public Instant silence(SilencedAlert alert) {
    Instant until = silencedUntil;
    if (until != null && alert.at().isBefore(until)) {
      silenced.add(alert);
      return until;
    }
    return null;
  }

  @Override
  public void tellRunningWindows(IncidentNotice notice) {
    attempts.incrementAndGet();
    if (failing) {
      throw new IllegalStateException("the windows cannot be told");
    }
    notices.add(notice);
  }
}
