package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.common.Delivery;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Workflow tests' mail: what the mail audience would have received. */
public class RecordingMail implements MaintenanceMailActivities {
  public final List<MaintenanceEmail> sent = new CopyOnWriteArrayList<>();

  @Override
  public Delivery send(MaintenanceEmail email) {
    sent.add(email);
    return Delivery.sent("mail " + email.key());
  }
}
