package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.ChildIncident;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A window does not page for what it causes: from its pre-checks until its end plus the plan's
 * tail, alerts for its services are recorded here instead of declaring. When the silence ends, each
 * alert still firing declares its incident then, under the id the alert intake would have used, so
 * the alert's later repeats are counted by that incident rather than declaring another.
 */
final class WindowSilence {

  private final MaintenanceRequest request;
  private final MaintenancePlan plan;
  private final BiConsumer<String, String> timeline;
  private final Map<String, SilencedAlert> stillFiring = new LinkedHashMap<>();
  private Instant endedAt;
  private boolean over;

  WindowSilence(
      MaintenanceRequest request, MaintenancePlan plan, BiConsumer<String, String> timeline) {
    this.request = request;
    this.plan = plan;
    this.timeline = timeline;
  }

  Duration tail() {
    return plan.silenceTail() == null ? Duration.ZERO : plan.silenceTail();
  }

  /** When alerts stop being silenced: null before the window runs and after the silence. */
  Instant ends(MaintenanceStatus status, Instant plannedEnd) {
    if (over || status == MaintenanceStatus.SCHEDULED) {
      return null;
    }
    return (endedAt == null ? plannedEnd : endedAt).plus(tail());
  }

  void record(SilencedAlert silenced) {
    if (over) {
      return;
    }
    String what = silenced.alert().firing() ? "firing" : "resolved";
    timeline.accept(
        "silenced",
        "Silenced "
            + silenced.alert().source()
            + " alert on "
            + silenced.service()
            + " ("
            + what
            + "): "
            + silenced.alert().title());
    if (silenced.declaredBySender()) {
      return;
    }
    if (silenced.alert().firing()) {
      stillFiring.put(silenced.incidentId(), silenced);
    } else {
      stillFiring.remove(silenced.incidentId());
    }
  }

  /** A window from before silences: it never silenced anything, so nothing is left to declare. */
  void endWithoutTail() {
    over = true;
  }

  /**
   * Waits out the tail after the window ended, then declares what still fires. Alerts keep being
   * recorded during the tail.
   */
  void endAfterTail(Instant windowEnded) {
    endedAt = windowEnded;
    if (!tail().isZero()) {
      Workflow.sleep(tail());
    }
    over = true;
    List<SilencedAlert> firing = new ArrayList<>(stillFiring.values());
    stillFiring.clear();
    if (firing.isEmpty()) {
      return;
    }
    timeline.accept(
        "silence-ended",
        "Silence over: "
            + firing.size()
            + (firing.size() == 1 ? " alert still fires" : " alerts still fire")
            + " and declare"
            + (firing.size() == 1 ? "s its incident" : " their incidents"));
    firing.forEach(this::declare);
  }

  private void declare(SilencedAlert silenced) {
    if (plan.incidentPolicy() == null) {
      timeline.accept(
          "incident",
          "Not declared (the window has no incident policy): " + silenced.alert().title());
      return;
    }
    Declaration declaration =
        new Declaration(
            silenced.incidentId(),
            silenced.alert().title(),
            silenced.alert().severity(),
            silenced.service(),
            silenced.alert().detail(),
            null,
            silenced.alert().source(),
            silenced.at());
    Optional<String> notStarted =
        ChildIncident.declare(
            declaration,
            silenced.alert().severity(),
            plan.incidentPolicy(),
            silenced.alert().severity()
                + " · "
                + silenced.service()
                + " · still firing after maintenance "
                + request.id(),
            ChildWorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueue.NAME)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE));
    if (notStarted.isPresent()) {
      timeline.accept(
          "incident", "Could not declare " + silenced.incidentId() + ": " + notStarted.get());
      return;
    }
    // The incident counts the alert as the intake would have: its repeats and resolution go there.
    Workflow.newExternalWorkflowStub(
            IncidentWorkflow.class, IncidentWorkflow.workflowId(silenced.incidentId()))
        .alert(silenced.alert());
    timeline.accept(
        "incident",
        "Declared "
            + silenced.incidentId()
            + " ("
            + silenced.alert().severity()
            + "): "
            + silenced.alert().title());
  }
}
