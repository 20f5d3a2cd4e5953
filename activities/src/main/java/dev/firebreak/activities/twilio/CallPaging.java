package dev.firebreak.activities.twilio;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import dev.firebreak.workflows.notify.Twiml;
import okhttp3.HttpUrl;

/**
 * Pages a {@code call:+15550100} target with a phone call that says the incident briefly and asks
 * for a key press: 1 comes back to Firebreak's {@value Twiml#VOICE_WEBHOOK} webhook and
 * acknowledges the incident. The paging router hands it one target per call, so a retry after a
 * failure never rings a phone twice for the same page.
 */
public final class CallPaging implements PagingActivities {

  public static final String SCHEME = "call";

  /** A title read aloud for longer than this is noise; the rest is in Slack. */
  private static final int SPOKEN_TITLE_MAX = 200;

  private static final int SPOKEN_REASON_MAX = 120;

  /** How long the call waits for a key after the message, in seconds. */
  private static final int KEY_TIMEOUT_SECONDS = 10;

  private final TwilioClient twilio;
  private final HttpUrl publicUrl;

  /**
   * @param publicUrl Firebreak's API as Twilio reaches it; null when none is configured, and then
   *     the call only says the page and asks to acknowledge in Slack or the API
   */
  public CallPaging(TwilioClient twilio, String publicUrl) {
    this.twilio = twilio;
    this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : HttpUrl.get(publicUrl);
  }

  @Override
  public Delivery page(PageRequest request) {
    return PhonePages.page(request, "Call", number -> twilio.call(number, twiml(request)));
  }

  /** The call's TwiML: the page said twice inside a one-key gather, then goodbye. */
  String twiml(PageRequest request) {
    String page =
        "Firebreak page. Incident "
            + request.incidentId()
            + ", severity "
            + request.severity()
            + ": "
            + Clip.of(request.title(), SPOKEN_TITLE_MAX)
            + "."
            + (request.reason() == null ? "" : " " + Clip.of(request.reason(), SPOKEN_REASON_MAX));
    if (publicUrl == null) {
      return Twiml.document(
          "<Say loop=\"2\">" + Twiml.escape(page + " Acknowledge in Slack or the API.") + "</Say>");
    }
    return Twiml.document(
        "<Gather input=\"dtmf\" numDigits=\"1\" timeout=\""
            + KEY_TIMEOUT_SECONDS
            + "\" method=\"POST\" action=\""
            + Twiml.escape(actionUrl(request))
            + "\"><Say loop=\"2\">"
            + Twiml.escape(page + " Press 1 to acknowledge.")
            + "</Say></Gather><Say>No key was pressed; nothing was acknowledged. Goodbye.</Say>");
  }

  private String actionUrl(PageRequest request) {
    return publicUrl
        .newBuilder()
        .addPathSegments(Twiml.VOICE_WEBHOOK.substring(1))
        .addQueryParameter("incident", request.incidentId())
        .addQueryParameter("page", request.key())
        .build()
        .toString();
  }
}
