package dev.firebreak.activities.twilio;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageRequest;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a text and a call page report what Twilio accepted: one log line per number and one delivery
 * naming each number, its status and Twilio's sid, so the timeline shows who was reached and how.
 */
final class PhonePages {

  private static final Logger log = LoggerFactory.getLogger(PhonePages.class);

  private PhonePages() {}

  /**
   * @param kind what the delivery calls each page ({@code SMS}, {@code Call})
   * @param send sends the page to one E.164 number
   */
  static Delivery page(
      PageRequest request, String kind, Function<String, TwilioClient.Accepted> send) {
    StringBuilder sent = new StringBuilder();
    for (String target : request.targets()) {
      String number = target.substring(target.indexOf(':') + 1);
      TwilioClient.Accepted accepted = send.apply(number);
      log.info(
          "{} paged {} ({} {}, level {})",
          request.incidentId(),
          number,
          kind,
          accepted.sid(),
          request.levelName());
      sent.append(sent.isEmpty() ? "" : "; ")
          .append(kind)
          .append(" to ")
          .append(number)
          .append(' ')
          .append(accepted.status())
          .append(" (")
          .append(accepted.sid())
          .append(')');
    }
    return Delivery.sent(sent.toString());
  }
}
