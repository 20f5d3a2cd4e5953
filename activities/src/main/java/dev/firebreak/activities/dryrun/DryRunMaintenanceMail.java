package dev.firebreak.activities.dryrun;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.maintenance.MaintenanceEmail;
import dev.firebreak.workflows.maintenance.MaintenanceMailActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maintenance mail when SendGrid is not live: who would have been told what. */
public final class DryRunMaintenanceMail implements MaintenanceMailActivities {

  private static final Logger log = LoggerFactory.getLogger(DryRunMaintenanceMail.class);

  @Override
  public Delivery send(MaintenanceEmail email) {
    return DryRunCall.log(
        log,
        email.windowId(),
        "email "
            + String.join(",", email.to())
            + " subject "
            + DryRunCall.quote(email.subject())
            + " key="
            + email.key());
  }
}
