package dev.firebreak.activities.twilio;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;

/**
 * Pages an {@code sms:+15550100} target with one text message. The paging router hands it one
 * target per call, so a retry after a failure never re-sends an SMS that already went out.
 */
public final class SmsPaging implements PagingActivities {

  public static final String SCHEME = "sms";

  /** One SMS segment is 160 GSM-7 characters; a page should fit in two. */
  private static final int TEXT_MAX = 320;

  private final TwilioClient twilio;
  private final boolean repliesAcknowledge;

  /**
   * @param repliesAcknowledge whether a reply reaches Firebreak (Twilio has its public URL), so the
   *     text can ask for {@code ACK}
   */
  public SmsPaging(TwilioClient twilio, boolean repliesAcknowledge) {
    this.twilio = twilio;
    this.repliesAcknowledge = repliesAcknowledge;
  }

  @Override
  public Delivery page(PageRequest request) {
    return PhonePages.page(request, "SMS", number -> twilio.send(number, text(request)));
  }

  private String text(PageRequest request) {
    String text =
        "Firebreak page: ["
            + request.severity()
            + "] "
            + request.incidentId()
            + " "
            + request.title()
            + (request.reason() == null ? "" : " (" + request.reason() + ")")
            + (repliesAcknowledge
                ? ". Reply ACK to acknowledge."
                : ". Acknowledge in Slack or the API.");
    return Clip.of(text, TEXT_MAX);
  }
}
