package dev.firebreak.activities.twilio;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages an {@code sms:+15550100} target with one text message. The paging router hands it one
 * target per call, so a retry after a failure never re-sends an SMS that already went out.
 */
public final class SmsPaging implements PagingActivities {

  public static final String SCHEME = "sms";

  private static final Logger log = LoggerFactory.getLogger(SmsPaging.class);

  /** One SMS segment is 160 GSM-7 characters; a page should fit in two. */
  private static final int TEXT_MAX = 320;

  private final TwilioClient twilio;

  public SmsPaging(TwilioClient twilio) {
    this.twilio = twilio;
  }

  @Override
  public Delivery page(PageRequest request) {
    StringBuilder sent = new StringBuilder();
    for (String target : request.targets()) {
      String number = target.substring(target.indexOf(':') + 1);
      TwilioClient.SentSms sms = twilio.send(number, text(request));
      log.info(
          "{} paged {} by SMS ({}, level {})",
          request.incidentId(),
          number,
          sms.sid(),
          request.levelName());
      sent.append(sent.isEmpty() ? "" : "; ")
          .append("SMS to ")
          .append(number)
          .append(' ')
          .append(sms.status())
          .append(" (")
          .append(sms.sid())
          .append(')');
    }
    return Delivery.sent(sent.toString());
  }

  private static String text(PageRequest request) {
    String text =
        "Firebreak page: ["
            + request.severity()
            + "] "
            + request.incidentId()
            + " "
            + request.title()
            + (request.reason() == null ? "" : " (" + request.reason() + ")")
            + ". Acknowledge in Slack or the API.";
    return Clip.of(text, TEXT_MAX);
  }
}
