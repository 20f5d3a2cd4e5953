package dev.firebreak.workflows.maintenance;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One planned maintenance, from the first announcement to the all-clear: announce ahead,
 * pre-checks, maintenance mode on, the steps, health checks, mode off, post-checks, monitoring,
 * all-clear; or, when a post-check fails, roll back and declare an incident linked to the window.
 * Workflow id {@code maintenance-<id>}, ids like {@code MW-20261206-1}.
 */
@WorkflowInterface
public interface MaintenanceWindowWorkflow {

  static String workflowId(String windowId) {
    return "maintenance-" + windowId;
  }

  @WorkflowMethod
  MaintenanceView run(MaintenanceOrder order);

  @UpdateMethod(description = "Move the planned end later; audiences are told")
  MaintenanceView extend(Extension extension);

  @UpdateValidatorMethod(updateName = "extend")
  void validateExtend(Extension extension);

  @UpdateMethod(
      description = "Stop the window: maintenance mode off and rollback where something changed")
  MaintenanceView abort(Abort abort);

  @UpdateValidatorMethod(updateName = "abort")
  void validateAbort(Abort abort);

  @UpdateMethod(description = "Confirm (or fail) the manual step the window is waiting for")
  MaintenanceView confirmStep(StepConfirmation confirmation);

  @UpdateValidatorMethod(updateName = "confirmStep")
  void validateConfirmStep(StepConfirmation confirmation);

  @SignalMethod(description = "Record a P0/P1 incident declared while the window runs")
  void recordIncident(IncidentNotice notice);

  @SignalMethod(description = "Record an alert for a service under maintenance instead of paging")
  void recordSilenced(SilencedAlert alert);

  @QueryMethod(description = "Status, planned times, the step in progress and the outcome")
  MaintenanceView state();

  @QueryMethod(description = "The timeline, oldest first")
  List<MaintenanceEntry> timeline();
}
