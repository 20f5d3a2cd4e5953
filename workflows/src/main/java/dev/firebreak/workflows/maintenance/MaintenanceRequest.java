package dev.firebreak.workflows.maintenance;

import java.time.Instant;
import java.util.List;

/**
 * What the person (or the recurrence rule) scheduling the window asked for.
 *
 * @param id {@code MW-<yyyymmdd>-<n>}
 * @param openIncidents the P0/P1 incidents open when the window was scheduled and the scheduler
 *     confirmed anyway; empty when none were open
 */
public record MaintenanceRequest(
    String id,
    String title,
    List<String> services,
    Instant start,
    Instant end,
    String requestedBy,
    List<String> openIncidents) {

  public String workflowId() {
    return MaintenanceWindowWorkflow.workflowId(id);
  }
}
