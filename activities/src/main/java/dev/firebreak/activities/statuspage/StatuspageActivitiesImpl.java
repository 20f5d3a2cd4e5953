package dev.firebreak.activities.statuspage;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.statuspage.MaintenanceReschedule;
import dev.firebreak.workflows.statuspage.PublicIncident;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import dev.firebreak.workflows.statuspage.PublicIncidentUpdate;
import dev.firebreak.workflows.statuspage.ScheduledMaintenance;
import dev.firebreak.workflows.statuspage.StatusPageActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public status page on Statuspage. Creating reads before it writes: an attempt whose answer
 * was lost created the incident, and the retry must find it rather than open a second one.
 */
public final class StatuspageActivitiesImpl implements StatusPageActivities {

  private static final Logger log = LoggerFactory.getLogger(StatuspageActivitiesImpl.class);

  private final StatuspageClient statuspage;

  public StatuspageActivitiesImpl(StatuspageClient statuspage) {
    this.statuspage = statuspage;
  }

  @Override
  public PublicIncidentRef open(PublicIncident incident) {
    String id =
        statuspage
            .findByMarker("unresolved", incident.incidentId())
            .map(
                found -> {
                  log.info(
                      "{} public incident {} already open (earlier attempt)",
                      incident.incidentId(),
                      found);
                  return found;
                })
            .orElseGet(
                () -> {
                  String created =
                      statuspage.createIncident(
                          new StatuspageClient.NewIncident(
                              incident.incidentId(),
                              incident.name(),
                              incident.status(),
                              incident.impact(),
                              incident.body(),
                              incident.componentId(),
                              incident.componentStatus()));
                  log.info(
                      "{} public incident {} opened ({}, impact {})",
                      incident.incidentId(),
                      created,
                      incident.status(),
                      incident.impact());
                  return created;
                });
    return new PublicIncidentRef(id, false);
  }

  @Override
  public Delivery update(PublicIncidentUpdate update) {
    // A PATCH adds a public update each time it is sent, so an attempt that made it and then died
    // (its worker killed before it could report) must not make it again: subscribers would be told
    // twice.
    StatuspageClient.PublicUpdate wanted =
        new StatuspageClient.PublicUpdate(
            update.status(), update.body() == null ? "" : update.body());
    if (statuspage.latestUpdate(update.ref().id()).filter(wanted::equals).isPresent()) {
      log.info(
          "{} public incident {} already {} (earlier attempt)",
          update.incidentId(),
          update.ref().id(),
          update.status());
    } else {
      statuspage.updateIncident(
          update.ref().id(),
          update.status(),
          update.body(),
          update.componentId(),
          update.componentStatus());
      log.info(
          "{} public incident {} now {}", update.incidentId(), update.ref().id(), update.status());
    }
    return Delivery.sent("Statuspage incident " + update.ref().id() + " " + update.status());
  }

  @Override
  public PublicIncidentRef scheduleMaintenance(ScheduledMaintenance maintenance) {
    String id =
        statuspage
            .findByMarker("upcoming", maintenance.key())
            .orElseGet(
                () ->
                    statuspage.scheduleMaintenance(
                        maintenance.key(),
                        maintenance.name(),
                        maintenance.body(),
                        maintenance.from(),
                        maintenance.until(),
                        maintenance.componentIds()));
    log.info("{} maintenance announced as Statuspage incident {}", maintenance.key(), id);
    return new PublicIncidentRef(id, false);
  }

  @Override
  public Delivery reschedule(MaintenanceReschedule reschedule) {
    statuspage.rescheduleMaintenance(reschedule.ref().id(), reschedule.from(), reschedule.until());
    log.info(
        "{} Statuspage maintenance {} rescheduled to end {}",
        reschedule.key(),
        reschedule.ref().id(),
        reschedule.until());
    return Delivery.sent(
        "Statuspage maintenance " + reschedule.ref().id() + " ends " + reschedule.until());
  }
}
