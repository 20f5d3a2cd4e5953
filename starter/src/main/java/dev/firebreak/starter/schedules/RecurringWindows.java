package dev.firebreak.starter.schedules;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.MaintenancePlanFactory;
import dev.firebreak.starter.config.MaintenanceWindowConfig;
import dev.firebreak.starter.service.OpenWorkflows;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.maintenance.MaintenanceRecurrence;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflow;
import dev.firebreak.workflows.maintenance.RecurringWindow;
import dev.firebreak.workflows.maintenance.RecurringWindowWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Config is the source of truth for recurring maintenance: at start, every window with a {@code
 * recurrence} gets its {@link RecurringWindowWorkflow} restarted with the plan the config says now.
 * Restarting is safe: an occurrence already started keeps running, and the new loop finds it by id
 * instead of starting it again. A loop whose window left the config is ended.
 *
 * <p>A start that falls inside an occurrence nobody started (the window was added to the config, or
 * no worker ran, between its first announcement and its start) does not run it late: the skip is
 * logged here and the loop carries it to the next occurrence's timeline.
 */
public final class RecurringWindows {

  private static final Logger log = LoggerFactory.getLogger(RecurringWindows.class);

  private final WorkflowClient client;
  private final FirebreakConfig config;
  private final MaintenancePlanFactory plans;
  private final Clock clock;

  public RecurringWindows(
      WorkflowClient client, FirebreakConfig config, IncidentPolicyFactory incidents, Clock clock) {
    this.client = client;
    this.config = config;
    this.plans = new MaintenancePlanFactory(config, incidents);
    this.clock = clock;
  }

  /**
   * @return the names of the windows whose loops now run
   */
  public List<String> reconcile() {
    List<String> started = new ArrayList<>();
    for (MaintenanceWindowConfig template : config.maintenance().windows()) {
      if (template == null || template.recurrence() == null) {
        continue;
      }
      RecurringWindow window = plans.recurring(template);
      String workflowId = RecurringWindowWorkflow.workflowId(window.name());
      try {
        client
            .newUntypedWorkflowStub(workflowId)
            .terminate("restarted with the config of this start");
      } catch (WorkflowNotFoundException notRunning) {
        // First start, or the loop ended: nothing to replace.
      }
      RecurringWindowWorkflow loop =
          client.newWorkflowStub(
              RecurringWindowWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(workflowId)
                  .setTaskQueue(TaskQueue.NAME)
                  .setStaticSummary(
                      "Recurring maintenance " + window.name() + " · " + window.recurrence())
                  .build());
      WorkflowClient.start(loop::run, window, null, skippedOccurrence(window));
      log.info(
          "Maintenance {} recurs '{}' ({}); loop {} started",
          window.name(),
          window.recurrence(),
          window.zone(),
          workflowId);
      started.add(window.name());
    }
    List<String> wanted = started.stream().map(RecurringWindowWorkflow::workflowId).toList();
    for (String workflowId :
        OpenWorkflows.idsOfType(client, RecurringWindowWorkflow.class.getSimpleName())) {
      if (!wanted.contains(workflowId)) {
        client
            .newUntypedWorkflowStub(workflowId)
            .terminate("its window is no longer in the config");
        log.info("Maintenance loop {} ended: its window is no longer in the config", workflowId);
      }
    }
    return started;
  }

  /** A sentence about the occurrence under way now if nobody started it, else null. */
  private String skippedOccurrence(RecurringWindow window) {
    Instant now = clock.instant();
    ZonedDateTime current =
        MaintenanceRecurrence.parse(window.recurrence(), ZoneId.of(window.zone()))
            .next(now.minus(window.duration()));
    if (current.toInstant().isAfter(now)) {
      return null;
    }
    String occurrence = RecurringWindowWorkflow.occurrenceId(window.name(), current);
    try {
      client.newUntypedWorkflowStub(MaintenanceWindowWorkflow.workflowId(occurrence)).describe();
      return null;
    } catch (WorkflowNotFoundException neverStarted) {
      String note =
          "the occurrence of "
              + current
              + " was skipped: Firebreak started at "
              + now
              + ", after its start, and nothing had started "
              + occurrence;
      log.warn("Maintenance {}: {}", window.name(), note);
      return note;
    }
  }
}
