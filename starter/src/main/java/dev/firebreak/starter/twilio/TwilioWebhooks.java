package dev.firebreak.starter.twilio;

import dev.firebreak.starter.incidents.IncidentAction;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.TemporalFailures;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.incident.Acknowledgement;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.notify.Twiml;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What comes back from a page by phone: {@code POST /webhooks/twilio/voice}, the key pressed on a
 * call ({@code 1} acknowledges the incident named in the URL), and {@code POST
 * /webhooks/twilio/sms}, a text to Firebreak's number ({@code ACK} acknowledges the incident that
 * last paged the sender, {@code ACK <id>} that one, if it paged them). Each answers TwiML, which
 * Twilio says or texts back.
 *
 * <p>Only Twilio may acknowledge this way: every request must carry Twilio's {@code
 * X-Twilio-Signature} over the public URL and the POST parameters; anything unsigned or forged is
 * refused with 403 before anything is read or changed. The acknowledgement's update id is the call
 * or message sid, and an incident acknowledged already by the same phone answers as acknowledged,
 * so Twilio retrying a request acknowledges once and still hears so.
 */
public final class TwilioWebhooks {

  private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);

  /** {@code ACK}, or {@code ACK} and an incident id ({@code INC-20261204-3}), in any case. */
  private static final Pattern ACK =
      Pattern.compile(
          "\\s*ACK(?:\\s+([A-Z][A-Z0-9]*-[A-Z0-9-]{1,60}))?\\s*", Pattern.CASE_INSENSITIVE);

  /** A reply text must fit one SMS segment or two; a refusal's sentence is cut to fit. */
  private static final int REPLY_MAX = 300;

  private final String authToken;
  private final String publicUrl;
  private final IncidentServices incidents;
  private final PagedPhones phones;
  private final TemporalFailures failures = new TemporalFailures();

  /**
   * @param authToken the account's auth token, which signs every request Twilio sends
   * @param publicUrl Firebreak's API as Twilio reaches it ({@code providers.twilio.publicUrl})
   */
  public TwilioWebhooks(String authToken, String publicUrl, IncidentServices incidents) {
    this.authToken = authToken;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.incidents = incidents;
    this.phones = new PagedPhones(incidents.reads());
  }

  public void register(RoutesConfig routes) {
    // No route role: Twilio signs its requests instead of sending an API token.
    routes.post(Twiml.VOICE_WEBHOOK, this::keyPressed);
    routes.post(Twiml.SMS_WEBHOOK, this::texted);
  }

  private void keyPressed(Context ctx) {
    Map<String, List<String>> params = verified(ctx, Twiml.VOICE_WEBHOOK);
    String incident = ctx.queryParam("incident");
    String digits = first(params, "Digits");
    // On a call Firebreak placed, To is the person who answered.
    String phone = first(params, "To");
    if (!"1".equals(digits) || incident == null || phone == null) {
      log.info("{}: key '{}' pressed on a page call; nothing changed", incident, digits);
      twiml(ctx, Twiml.sayAndHangUp("Nothing was changed. Goodbye."));
      return;
    }
    String reply =
        acknowledge(incident, phone, "twilio-" + first(params, "CallSid") + "-" + digits);
    twiml(ctx, Twiml.sayAndHangUp(reply));
  }

  private void texted(Context ctx) {
    Map<String, List<String>> params = verified(ctx, Twiml.SMS_WEBHOOK);
    String phone = first(params, "From");
    String body = Optional.ofNullable(first(params, "Body")).orElse("");
    Matcher ack = ACK.matcher(body);
    if (!ack.matches() || phone == null) {
      twiml(
          ctx,
          Twiml.message(
              "Nothing was changed. Reply ACK to acknowledge the incident last paged to this"
                  + " number, or ACK <incident id>."));
      return;
    }
    String named = ack.group(1) == null ? null : ack.group(1).toUpperCase(Locale.ROOT);
    Optional<String> incident = named == null ? phones.lastPaged(phone) : Optional.of(named);
    if (incident.isEmpty()) {
      twiml(ctx, Twiml.message("No open incident paged this number; nothing was changed."));
      return;
    }
    if (named != null && !pagedThisPhone(named, phone)) {
      twiml(ctx, Twiml.message(named + " did not page this number; nothing was changed."));
      return;
    }
    String reply = acknowledge(incident.get(), phone, "twilio-" + first(params, "MessageSid"));
    twiml(ctx, Twiml.message(reply));
  }

  /**
   * The request's POST parameters once its signature is Twilio's for the public URL; otherwise a
   * 403, before anything is read or changed.
   */
  private Map<String, List<String>> verified(Context ctx, String path) {
    String query = ctx.queryString();
    String url = publicUrl + path + (query == null || query.isEmpty() ? "" : "?" + query);
    Map<String, List<String>> params = ctx.formParamMap();
    if (!TwilioSignature.isValid(authToken, url, params, ctx.header(TwilioSignature.HEADER))) {
      log.warn("Refused a request to {} without Twilio's signature", path);
      throw new Refusal(
          403,
          "forbidden",
          "The request does not carry Twilio's signature for " + path + "; nothing was changed.");
    }
    return params;
  }

  /** Only a number the incident paged may acknowledge it by naming it. */
  private boolean pagedThisPhone(String id, String phone) {
    try {
      return PagedPhones.lastPage(incidents.reads().view(id), phone) != null;
    } catch (RuntimeException unknownOrNotAnswering) {
      return false;
    }
  }

  /** Acknowledges {@code id} as {@code phone <number>}; returns the sentence to say or text. */
  private String acknowledge(String id, String phone, String updateId) {
    String by = "phone " + phone;
    try {
      incidents.updates().update(id, IncidentAction.ACKNOWLEDGE, new Acknowledgement(by), updateId);
      log.info("{} acknowledged by {}", id, by);
      return acknowledged(id);
    } catch (RuntimeException e) {
      Refusal refusal = failures.toRefusal(e, id);
      if (refusal.status() == 409 && acknowledgedBy(id, by)) {
        // Twilio sent the same request again, or the person pressed 1 twice: it is acknowledged.
        return acknowledged(id);
      }
      return Clip.of(refusal.getMessage() + " Nothing was changed.", REPLY_MAX);
    }
  }

  private boolean acknowledgedBy(String id, String by) {
    try {
      IncidentView view = incidents.reads().view(id);
      return by.equals(view.acknowledgedBy());
    } catch (RuntimeException unknownOrNotAnswering) {
      return false;
    }
  }

  private static String acknowledged(String id) {
    return "Acknowledged " + id + ". Escalation stopped. Thank you.";
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static void twiml(Context ctx, String twiml) {
    ctx.contentType("text/xml; charset=UTF-8").result(twiml);
  }
}
