package dev.firebreak.activities.sendgrid;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages {@code email:} targets with one mail to all of them: escalation by mail is for people who
 * read it later (a manager, an owner), so one message in the thread of the incident is enough.
 */
public final class EmailPaging implements PagingActivities {

  public static final String SCHEME = "email";

  private static final Logger log = LoggerFactory.getLogger(EmailPaging.class);

  private final SendGridClient sendGrid;

  public EmailPaging(SendGridClient sendGrid) {
    this.sendGrid = sendGrid;
  }

  @Override
  public Delivery page(PageRequest request) {
    List<String> addresses =
        request.targets().stream().map(t -> t.substring(t.indexOf(':') + 1)).toList();
    String subject =
        "[" + request.severity() + "] " + request.incidentId() + ": " + request.title();
    String text =
        "You are paged for "
            + request.incidentId()
            + " ("
            + request.severity()
            + "): "
            + request.title()
            + "\nReason: "
            + request.reason()
            + (request.levelName() == null ? "" : "\nEscalation level: " + request.levelName())
            + "\n\nAcknowledge it in Slack or with: firebreak incident ack "
            + request.incidentId();
    String messageId = sendGrid.send(new Email(addresses, subject, text, request.key()));
    log.info("{} paged {} by email (message {})", request.incidentId(), addresses, messageId);
    return Delivery.sent(
        "email to " + String.join(", ", addresses) + " accepted (message " + messageId + ")");
  }
}
