package dev.firebreak.workflows.statuspage;

import dev.firebreak.workflows.common.Delivery;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The organisation's own public status page (Atlassian Statuspage): what customers read while an
 * incident or a maintenance runs.
 */
@ActivityInterface(namePrefix = "StatusPage")
public interface StatusPageActivities {

  /**
   * Opens the public incident; a retry finds the incident an earlier attempt opened (Statuspage has
   * no idempotency key, so the incident carries the Firebreak id as a marker).
   */
  @ActivityMethod
  PublicIncidentRef open(PublicIncident incident);

  /** Posts a status change or an update to an open public incident. */
  @ActivityMethod
  Delivery update(PublicIncidentUpdate update);

  /** Announces a maintenance window; idempotent by {@link ScheduledMaintenance#key()}. */
  @ActivityMethod
  PublicIncidentRef scheduleMaintenance(ScheduledMaintenance maintenance);

  /** Moves an announced maintenance's end; idempotent, since it sets absolute times. */
  @ActivityMethod
  Delivery reschedule(MaintenanceReschedule reschedule);
}
