package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.common.Delivery;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Tells the window's mail audience: the announcements, the all-clear and any stop. */
@ActivityInterface(namePrefix = "MaintenanceMail")
public interface MaintenanceMailActivities {

  @ActivityMethod
  Delivery send(MaintenanceEmail email);
}
