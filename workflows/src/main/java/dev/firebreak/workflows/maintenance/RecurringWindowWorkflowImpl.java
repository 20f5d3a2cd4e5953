package dev.firebreak.workflows.maintenance;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.slf4j.Logger;

/**
 * One occurrence per run, so the history stays a handful of events however long the rule lives. The
 * occurrence is started when its earliest announcement is due; a loop that reaches it later than
 * that (a worker started inside the announcement period) starts it at once, and the window itself
 * folds the past announcements into one, sent at once. Each occurrence's id is made of its date and
 * the window's name, so a restarted loop (a config change, a redeploy) finds the occurrence it
 * already started instead of starting a second one.
 *
 * <p>A loop that wakes after the occurrence's start (no worker ran through the whole announcement
 * period) skips it: maintenance that nobody was told about is not run late on production. The skip
 * is logged and carried to the next occurrence, whose timeline says so.
 */
public class RecurringWindowWorkflowImpl implements RecurringWindowWorkflow {

  private static final Logger log = Workflow.getLogger(RecurringWindowWorkflowImpl.class);

  private Instant nextStart;

  @Override
  public void run(RecurringWindow window, Instant after, String skipped) {
    int version =
        Workflow.getVersion(
            RecurringWindowVersions.SKIP_PASSED_OCCURRENCE, Workflow.DEFAULT_VERSION, 1);
    MaintenanceRecurrence rule =
        MaintenanceRecurrence.parse(window.recurrence(), ZoneId.of(window.zone()));
    Instant now = now();
    ZonedDateTime start = rule.next(after == null || after.isBefore(now) ? now : after);
    nextStart = start.toInstant();
    Instant announceFrom = nextStart.minus(earliestAnnouncement(window.plan()));
    if (announceFrom.isAfter(now)) {
      log.info(
          "Maintenance {}: next occurrence {}; starting it at {}",
          window.name(),
          nextStart,
          announceFrom);
      Workflow.sleep(Duration.between(now, announceFrom));
    } else {
      log.info(
          "Maintenance {}: next occurrence {} is closer than its first announcement; starting it now, "
              + "its announcements fold into one sent at once",
          window.name(),
          nextStart);
    }
    String skippedNow = skippedWhenReachedLate(start, now());
    if (version >= 1 && skippedNow != null) {
      log.warn("Maintenance {}: {}", window.name(), skippedNow);
      Workflow.continueAsNew(window, nextStart, skippedNow);
      return;
    }
    startOccurrence(window, start, skipped);
    Workflow.continueAsNew(window, nextStart, null);
  }

  @Override
  public Instant nextStart() {
    return nextStart;
  }

  private void startOccurrence(RecurringWindow window, ZonedDateTime start, String skipped) {
    String id = RecurringWindowWorkflow.occurrenceId(window.name(), start);
    String requestedBy =
        "recurrence '" + window.recurrence() + "'" + (skipped == null ? "" : " (" + skipped + ")");
    MaintenanceRequest request =
        new MaintenanceRequest(
            id,
            window.title(),
            window.services(),
            start.toInstant(),
            start.toInstant().plus(window.duration()),
            requestedBy,
            List.of());
    MaintenanceWindowWorkflow occurrence =
        Workflow.newChildWorkflowStub(
            MaintenanceWindowWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(request.workflowId())
                // The occurrence outlives this loop, which continues as new right after starting
                // it.
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setStaticSummary(
                    "Maintenance · "
                        + String.join(", ", window.services())
                        + " · "
                        + window.title())
                .build());
    Async.function(occurrence::run, new MaintenanceOrder(request, window.plan()));
    try {
      Workflow.getWorkflowExecution(occurrence).get();
      log.info("Maintenance {}: occurrence {} started for {}", window.name(), id, start);
    } catch (ChildWorkflowFailure alreadyStarted) {
      log.info(
          "Maintenance {}: occurrence {} was already started ({})",
          window.name(),
          id,
          alreadyStarted.getMessage());
    }
  }

  /** Why an occurrence reached at {@code reached} is skipped, or null when it can still run. */
  static String skippedWhenReachedLate(ZonedDateTime start, Instant reached) {
    return reached.isBefore(start.toInstant())
        ? null
        : "the occurrence of "
            + start
            + " was skipped: the loop reached it at "
            + reached
            + ", after its start (no worker ran before it)";
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static Duration earliestAnnouncement(MaintenancePlan plan) {
    return plan.announceOffsets().stream().max(Duration::compareTo).orElse(Duration.ZERO);
  }
}
