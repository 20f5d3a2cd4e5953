package dev.firebreak.workflows.maintenance;

/** The whole input of a window: what was asked for and the runbook slice it runs by. */
public record MaintenanceOrder(MaintenanceRequest request, MaintenancePlan plan) {

  public String workflowId() {
    return request.workflowId();
  }
}
