package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.incident.ChildIncident;
import dev.firebreak.workflows.incident.Declaration;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The incident a failed window declares, as a child workflow ({@link ChildIncident}) with id {@code
 * incident-INC-<window id>} that lives on after the window closes. A window whose plan names no
 * incident policy or severity declares none.
 */
final class WindowIncident {

  private final MaintenanceRequest request;
  private final MaintenancePlan plan;
  private final BiConsumer<String, String> timeline;
  private String id;

  /** {@code timeline} records an entry (kind, text) in the window's timeline. */
  WindowIncident(
      MaintenanceRequest request, MaintenancePlan plan, BiConsumer<String, String> timeline) {
    this.request = request;
    this.plan = plan;
    this.timeline = timeline;
  }

  /** The declared incident's id; null while none was declared. */
  String id() {
    return id;
  }

  /**
   * Declares the incident for {@code failure}. A second declaration under the same id is refused
   * (REJECT_DUPLICATE): a window declares once.
   */
  void declare(String failure) {
    if (plan.incidentPolicy() == null || plan.incidentSeverity() == null) {
      return;
    }
    String incidentId = "INC-" + request.id();
    Declaration declaration =
        new Declaration(
            incidentId,
            "Maintenance " + request.id() + " failed: " + request.title(),
            plan.incidentSeverity(),
            request.services().get(0),
            failure + " (maintenance " + request.id() + ")",
            null,
            "maintenance " + request.id(),
            Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    Optional<String> notStarted =
        ChildIncident.declare(
            declaration,
            plan.incidentSeverity(),
            plan.incidentPolicy(),
            plan.incidentSeverity()
                + " · "
                + declaration.service()
                + " · maintenance "
                + request.id()
                + " failed",
            ChildWorkflowOptions.newBuilder()
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE));
    if (notStarted.isEmpty()) {
      id = incidentId;
      timeline.accept(
          "incident",
          "Declared "
              + incidentId
              + " ("
              + plan.incidentSeverity()
              + ") for the failed maintenance");
    } else {
      timeline.accept("incident", "Could not declare " + incidentId + ": " + notStarted.get());
    }
  }
}
