package dev.firebreak.activities.dryrun;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.statuspage.MaintenanceReschedule;
import dev.firebreak.workflows.statuspage.PublicIncident;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import dev.firebreak.workflows.statuspage.PublicIncidentUpdate;
import dev.firebreak.workflows.statuspage.ScheduledMaintenance;
import dev.firebreak.workflows.statuspage.StatusPageActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The public status page when Statuspage is not configured: what customers would have read. */
public final class DryRunStatusPageActivities implements StatusPageActivities {

  private static final Logger log = LoggerFactory.getLogger(DryRunStatusPageActivities.class);

  @Override
  public PublicIncidentRef open(PublicIncident incident) {
    DryRunCall.log(
        log,
        incident.incidentId(),
        "Statuspage open incident "
            + DryRunCall.quote(incident.name())
            + " status="
            + incident.status()
            + " impact="
            + incident.impact()
            + component(incident.componentId(), incident.componentStatus())
            + " body="
            + DryRunCall.quote(incident.body()));
    return new PublicIncidentRef("dry-run-" + incident.incidentId(), true);
  }

  @Override
  public Delivery update(PublicIncidentUpdate update) {
    return DryRunCall.log(
        log,
        update.incidentId(),
        "Statuspage update incident status="
            + update.status()
            + component(update.componentId(), update.componentStatus())
            + (update.body() == null ? "" : " body=" + DryRunCall.quote(update.body())));
  }

  @Override
  public PublicIncidentRef scheduleMaintenance(ScheduledMaintenance maintenance) {
    DryRunCall.log(
        log,
        maintenance.key(),
        "Statuspage schedule maintenance "
            + DryRunCall.quote(maintenance.name())
            + " from "
            + maintenance.from()
            + " until "
            + maintenance.until());
    return new PublicIncidentRef("dry-run-" + maintenance.key(), true);
  }

  @Override
  public Delivery reschedule(MaintenanceReschedule reschedule) {
    return DryRunCall.log(
        log,
        reschedule.key(),
        "Statuspage reschedule maintenance "
            + reschedule.ref().id()
            + " from "
            + reschedule.from()
            + " until "
            + reschedule.until());
  }

  private static String component(String componentId, String status) {
    return componentId == null || status == null ? "" : " component " + componentId + "=" + status;
  }
}
