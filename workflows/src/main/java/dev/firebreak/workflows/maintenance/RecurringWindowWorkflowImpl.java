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
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;

/**
 * One occurrence per run, so the history stays a handful of events however long the rule lives.
 * The occurrence is started when its earliest announcement is due; a worker started closer to the
 * occurrence than that starts it at once, and the window itself announces at once (once). Each
 * occurrence's id is made of its date and the window's name, so a restarted loop (a config change,
 * a redeploy) finds the occurrence it already started instead of starting a second one.
 */
public class RecurringWindowWorkflowImpl implements RecurringWindowWorkflow {

  private static final Logger log = Workflow.getLogger(RecurringWindowWorkflowImpl.class);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

  private Instant nextStart;

  @Override
  public void run(RecurringWindow window, Instant after) {
    MaintenanceRecurrence rule = MaintenanceRecurrence.parse(window.recurrence(), ZoneId.of(window.zone()));
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    ZonedDateTime start = rule.next(after == null || after.isBefore(now) ? now : after);
    nextStart = start.toInstant();
    Instant announceFrom = nextStart.minus(earliestAnnouncement(window.plan()));
    if (announceFrom.isAfter(now)) {
      log.info("Maintenance {}: next occurrence {}; starting it at {}", window.name(), nextStart, announceFrom);
      Workflow.sleep(Duration.between(now, announceFrom));
    }
    startOccurrence(window, start);
    Workflow.continueAsNew(window, nextStart);
  }

  @Override
  public Instant nextStart() {
    return nextStart;
  }

  private void startOccurrence(RecurringWindow window, ZonedDateTime start) {
    String id = "MW-" + DATE.format(start) + "-" + window.name();
    MaintenanceRequest request = new MaintenanceRequest(id, window.title(), window.services(), start.toInstant(),
        start.toInstant().plus(window.duration()), "recurrence '" + window.recurrence() + "'", List.of());
    MaintenanceWindowWorkflow occurrence = Workflow.newChildWorkflowStub(MaintenanceWindowWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(request.workflowId())
            // The occurrence outlives this loop, which continues as new right after starting it.
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setStaticSummary("Maintenance · " + String.join(", ", window.services()) + " · " + window.title())
            .build());
    Async.function(occurrence::run, new MaintenanceOrder(request, window.plan()));
    try {
      Workflow.getWorkflowExecution(occurrence).get();
      log.info("Maintenance {}: occurrence {} started for {}", window.name(), id, start);
    } catch (ChildWorkflowFailure alreadyStarted) {
      log.info("Maintenance {}: occurrence {} was already started ({})", window.name(), id, alreadyStarted.getMessage());
    }
  }

  private static Duration earliestAnnouncement(MaintenancePlan plan) {
    return plan.announceOffsets().stream().max(Duration::compareTo).orElse(Duration.ZERO);
  }
}
