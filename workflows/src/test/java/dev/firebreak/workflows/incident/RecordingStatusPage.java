package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.statuspage.MaintenanceReschedule;
import dev.firebreak.workflows.statuspage.PublicIncident;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import dev.firebreak.workflows.statuspage.PublicIncidentUpdate;
import dev.firebreak.workflows.statuspage.ScheduledMaintenance;
import dev.firebreak.workflows.statuspage.StatusPageActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Workflow tests' public status page: the statuses customers would have read, in order. */
public class RecordingStatusPage implements StatusPageActivities {
  public final List<String> posts = new CopyOnWriteArrayList<>();
  public final List<MaintenanceReschedule> reschedules = new CopyOnWriteArrayList<>();

  /** Set when Statuspage no longer knows the maintenance, as after someone deleted it by hand. */
  public volatile boolean maintenanceGone;

  @Override
  public PublicIncidentRef open(PublicIncident incident) {
    posts.add(
        incident.status() + " (" + incident.impact() + ", " + incident.componentStatus() + ")");
    return new PublicIncidentRef("sp-" + incident.incidentId(), false);
  }

  @Override
  public Delivery update(PublicIncidentUpdate update) {
    posts.add(update.status() + ": " + update.body());
    return Delivery.sent("statuspage " + update.ref().id() + " " + update.status());
  }

  @Override
  public PublicIncidentRef scheduleMaintenance(ScheduledMaintenance maintenance) {
    posts.add("scheduled: " + maintenance.name());
    return new PublicIncidentRef("sp-" + maintenance.key(), false);
  }

  @Override
  public Delivery reschedule(MaintenanceReschedule reschedule) {
    reschedules.add(reschedule);
    if (maintenanceGone) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Statuspage answered HTTP 404: Incident not found", "ProviderRejected");
    }
    return Delivery.sent("statuspage " + reschedule.ref().id() + " ends " + reschedule.until());
  }
}
