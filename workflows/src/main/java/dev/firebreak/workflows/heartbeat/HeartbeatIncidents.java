package dev.firebreak.workflows.heartbeat;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.ChildIncident;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.Note;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The commands a heartbeat issues to incidents: it declares a child incident and resolves it by
 * signals. The heartbeat workflow decides when; this class only says how.
 */
final class HeartbeatIncidents {

  static final String DECLARED_BY = "firebreak-heartbeats";
  static final String ALERT_SOURCE = "heartbeat";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private HeartbeatIncidents() {}

  /**
   * The incident's id, derived from the heartbeat and a counter so a replay never declares twice.
   */
  static String incidentId(HeartbeatSpec spec, Instant now, int number) {
    return "INC-" + DAY.format(now) + "-hb-" + spec.name() + "-" + number;
  }

  /**
   * Declares through the path jobs take: a child incident that outlives this run. Returns why it
   * did not start, empty when it did.
   */
  static Optional<String> declare(
      HeartbeatSpec spec, String id, String title, String description, String what) {
    Declaration declaration =
        new Declaration(
            id, title, spec.severity(), spec.service(), description, null, DECLARED_BY, null);
    return ChildIncident.declare(
        declaration,
        spec.severity(),
        spec.incidentPolicy(),
        spec.severity() + " · " + spec.service() + " · heartbeat " + spec.name() + " " + what,
        ChildWorkflowOptions.newBuilder().setTaskQueue(TaskQueue.NAME));
  }

  /** The outage as an alert, for the maintenance window that silences it to record. */
  static AlertReceived outage(HeartbeatSpec spec, String title, String description) {
    return new AlertReceived(
        ALERT_SOURCE,
        HeartbeatWorkflow.workflowId(spec.name()),
        true,
        title,
        spec.severity(),
        description,
        null,
        true);
  }

  /**
   * Resolves the way an alert's resolution does: a note on the timeline, then the incident's own
   * alert intake resolves it (refused, and said so on its timeline, while health checks fail).
   * Returns false when the incident was closed or gone meanwhile, with nothing to resolve.
   */
  static boolean resolve(HeartbeatSpec spec, String incidentId, String text) {
    IncidentWorkflow incident =
        Workflow.newExternalWorkflowStub(
            IncidentWorkflow.class, IncidentWorkflow.workflowId(incidentId));
    try {
      incident.addNote(new Note(DECLARED_BY, text));
      incident.alert(
          new AlertReceived(
              ALERT_SOURCE,
              HeartbeatWorkflow.workflowId(spec.name()),
              false,
              "Heartbeat " + spec.name() + " is up",
              spec.severity(),
              text,
              null,
              true));
      return true;
    } catch (SignalExternalWorkflowException gone) {
      return false;
    }
  }
}
