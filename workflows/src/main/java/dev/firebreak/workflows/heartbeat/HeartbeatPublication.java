package dev.firebreak.workflows.heartbeat;

import io.temporal.workflow.Workflow;
import java.util.Locale;

/**
 * The Temporal UI's view of a heartbeat: current details, and search attributes where registered.
 */
final class HeartbeatPublication {

  private HeartbeatPublication() {}

  static void publish(HeartbeatSpec spec, HeartbeatState state, HeartbeatRecord record) {
    Workflow.setCurrentDetails(
        "**"
            + spec.name()
            + "** · "
            + spec.schedule()
            + " · "
            + (record.paused()
                ? "paused by " + record.pausedBy()
                : state.name().toLowerCase(Locale.ROOT))
            + (record.incidentId() == null ? "" : " · " + record.incidentId()));
    if (spec.incidentPolicy().searchAttributes()) {
      Workflow.upsertTypedSearchAttributes(
          HeartbeatSearchAttributes.NAME.valueSet(spec.name()),
          HeartbeatSearchAttributes.SERVICE.valueSet(spec.service()),
          HeartbeatSearchAttributes.STATE.valueSet(state.name()));
    }
  }
}
