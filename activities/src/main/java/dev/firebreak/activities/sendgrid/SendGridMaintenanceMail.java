package dev.firebreak.activities.sendgrid;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.maintenance.MaintenanceEmail;
import dev.firebreak.workflows.maintenance.MaintenanceMailActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintenance announcements by SendGrid: one mail to the whole audience, traced by the
 * announcement's key.
 */
public final class SendGridMaintenanceMail implements MaintenanceMailActivities {

  private static final Logger log = LoggerFactory.getLogger(SendGridMaintenanceMail.class);

  private final SendGridClient sendGrid;

  public SendGridMaintenanceMail(SendGridClient sendGrid) {
    this.sendGrid = sendGrid;
  }

  @Override
  public Delivery send(MaintenanceEmail email) {
    String messageId =
        sendGrid.send(new Email(email.to(), email.subject(), email.text(), email.key()));
    log.info(
        "{} mailed {} to {} (message {})", email.windowId(), email.key(), email.to(), messageId);
    return Delivery.sent(
        "email to " + String.join(", ", email.to()) + " accepted (message " + messageId + ")");
  }
}
