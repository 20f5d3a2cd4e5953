package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Credentials;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Twilio's Messages and Calls APIs ({@code POST /2010-04-01/Accounts/{sid}/Messages.json} and
 * {@code Calls.json}, docs/providers.md §8): HTTP Basic auth, form-encoded PascalCase fields, 201
 * with the message or call, and Twilio's {@code {"code","message","more_info","status"}} errors
 * (20003 auth, 20404 not found, 21211 invalid To, 21610 unsubscribed recipient, 400 for inline
 * TwiML over 4,000 characters).
 *
 * <p>It also plays the person who answers: {@link #pressKey} posts the key to the call's {@code
 * <Gather action>}, and {@link #textFrom} an inbound text to the messaging webhook, each signed
 * with {@code X-Twilio-Signature} under the fake's auth token, as Twilio does. Switches forge the
 * signature, sign the URL with an explicit default port (as Twilio sometimes does), and deliver to
 * a local address while signing the public URL (as behind a TLS-terminating proxy).
 */
public final class FakeTwilio extends FakeServer {

  /** One message Twilio accepted. */
  public record Sms(String sid, String to, String from, String body) {}

  /** One call Twilio accepted, with the TwiML it follows once answered. */
  public record Call(String sid, String to, String from, String twiml) {}

  /** What Firebreak answered a webhook. */
  public record WebhookAnswer(int status, String body) {}

  /**
   * Computes {@code X-Twilio-Signature} for a form POST. The code under test's algorithm is passed
   * in (it is checked against Twilio's published vectors on its own), so the fake keeps no copy.
   */
  @FunctionalInterface
  public interface Signer {
    String sign(String authToken, String url, Map<String, String> params);
  }

  /** The longest inline TwiML Twilio takes. */
  public static final int TWIML_MAX = 4000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MESSAGES =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
  private static final Pattern CALLS = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls\\.json");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern GATHER_ACTION =
      Pattern.compile("<Gather[^>]*\\saction=\"([^\"]*)\"");
  private static final HttpClient WEBHOOKS = HttpClient.newHttpClient();

  private final String accountSid;
  private final String authToken;
  private final Set<String> unsubscribed = new HashSet<>();
  private final List<Sms> messages = new CopyOnWriteArrayList<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile Signer signer;
  private volatile boolean forging;
  private volatile boolean explicitDefaultPort;
  private volatile URI deliverTo;
  private volatile HttpRequest lastWebhook;

  public FakeTwilio(String accountSid, String authToken) {
    super(
        new FaultInjection(
            (status, message) -> error(status == 429 ? 20429 : 20500, message, status)));
    this.accountSid = accountSid;
    this.authToken = authToken;
  }

  /** The base URL to configure, in place of {@code https://api.twilio.com/2010-04-01}. */
  public String baseUrl() {
    return urlOf("/2010-04-01");
  }

  /** The number replied STOP: sending to it is refused with 21610. */
  public synchronized FakeTwilio unsubscribed(String number) {
    unsubscribed.add(number);
    return this;
  }

  public List<Sms> messages() {
    return List.copyOf(messages);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** How webhooks are signed; required before {@link #pressKey} or {@link #textFrom}. */
  public FakeTwilio signingWith(Signer signer) {
    this.signer = signer;
    return this;
  }

  /** Webhooks carry a signature made with another auth token: an attacker's forgery. */
  public FakeTwilio forgingSignatures(boolean forging) {
    this.forging = forging;
    return this;
  }

  /** Webhook URLs are signed with the scheme's default port written out ({@code :443}). */
  public FakeTwilio signingWithDefaultPort(boolean explicit) {
    this.explicitDefaultPort = explicit;
    return this;
  }

  /**
   * Webhooks go to this base URL (scheme, host and port) while the public URL they name is still
   * what is signed: Firebreak behind a proxy that terminates TLS.
   */
  public FakeTwilio deliveringTo(String baseUrl) {
    this.deliverTo = URI.create(baseUrl);
    return this;
  }

  /** The person who answered the last call presses {@code digits}. */
  public WebhookAnswer pressKey(String digits) {
    if (calls.isEmpty()) {
      throw new IllegalStateException("no call was placed");
    }
    return pressKey(calls.get(calls.size() - 1), digits);
  }

  /**
   * The person who answered {@code call} presses {@code digits}: Twilio posts the voice parameters
   * and {@code Digits} to the {@code <Gather action>} of the call's TwiML.
   */
  public WebhookAnswer pressKey(Call call, String digits) {
    Matcher action = GATHER_ACTION.matcher(call.twiml());
    if (!action.find()) {
      throw new IllegalStateException("the call's TwiML gathers no key: " + call.twiml());
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", accountSid);
    params.put("ApiVersion", "2010-04-01");
    params.put("CallSid", call.sid());
    params.put("CallStatus", "in-progress");
    params.put("Called", call.to());
    params.put("Caller", call.from());
    params.put("Digits", digits);
    params.put("Direction", "outbound-api");
    params.put("FinishedOnKey", "");
    params.put("From", call.from());
    params.put("To", call.to());
    return post(unescapeXml(action.group(1)), params);
  }

  /**
   * {@code from} texts {@code body} to the Twilio number whose messaging webhook is {@code url}.
   */
  public WebhookAnswer textFrom(String url, String from, String to, String body) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", accountSid);
    params.put("ApiVersion", "2010-04-01");
    params.put("Body", body);
    params.put("From", from);
    params.put("MessageSid", String.format("SM%032x", counter.incrementAndGet()));
    params.put("NumMedia", "0");
    params.put("NumSegments", "1");
    params.put("SmsStatus", "received");
    params.put("To", to);
    params.put("SmsSid", params.get("MessageSid"));
    params.put("SmsMessageSid", params.get("MessageSid"));
    return post(url, params);
  }

  /** Sends the last webhook again, byte for byte and with its signature: Twilio retrying it. */
  public WebhookAnswer resendLastWebhook() {
    return send(lastWebhook);
  }

  private WebhookAnswer post(String publicUrl, Map<String, String> params) {
    if (signer == null) {
      throw new IllegalStateException("say how webhooks are signed (signingWith) first");
    }
    String signedUrl = explicitDefaultPort ? withDefaultPort(publicUrl) : publicUrl;
    String signature = signer.sign(forging ? authToken + "-forged" : authToken, signedUrl, params);
    URI target = URI.create(publicUrl);
    if (deliverTo != null) {
      target =
          URI.create(
              deliverTo.getScheme()
                  + "://"
                  + deliverTo.getRawAuthority()
                  + target.getRawPath()
                  + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
    }
    StringBuilder form = new StringBuilder();
    params.forEach(
        (name, value) ->
            form.append(form.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    lastWebhook =
        HttpRequest.newBuilder(target)
            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
            .header("X-Twilio-Signature", signature)
            .header("User-Agent", "TwilioProxy/1.1")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
            .build();
    return send(lastWebhook);
  }

  private static WebhookAnswer send(HttpRequest request) {
    try {
      HttpResponse<String> answer = WEBHOOKS.send(request, HttpResponse.BodyHandlers.ofString());
      return new WebhookAnswer(answer.statusCode(), answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String withDefaultPort(String url) {
    URI uri = URI.create(url);
    if (uri.getPort() != -1) {
      return url;
    }
    String port = "https".equals(uri.getScheme()) ? ":443" : ":80";
    String authority = uri.getRawAuthority();
    return url.replaceFirst(Pattern.quote(authority), authority + port);
  }

  private static String unescapeXml(String attribute) {
    return attribute
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  @Override
  protected synchronized MockResponse handle(RecordedRequest request) {
    if (!Credentials.basic(accountSid, authToken).equals(request.getHeader("Authorization"))) {
      return json(401, error(20003, "Authenticate", 401));
    }
    Matcher call = CALLS.matcher(request.getRequestUrl().encodedPath());
    if ("POST".equals(request.getMethod()) && call.matches() && accountSid.equals(call.group(1))) {
      return placeCall(formFields(request));
    }
    Matcher path = MESSAGES.matcher(request.getRequestUrl().encodedPath());
    if (!"POST".equals(request.getMethod())
        || !path.matches()
        || !accountSid.equals(path.group(1))) {
      return json(
          404,
          error(
              20404,
              "The requested resource " + request.getRequestUrl().encodedPath() + " was not found",
              404));
    }
    Map<String, String> form = formFields(request);
    String to = form.getOrDefault("To", "");
    if (!E164.matcher(to).matches()) {
      return json(400, error(21211, "Invalid 'To' Phone Number: " + to, 400));
    }
    if (unsubscribed.contains(to)) {
      return json(400, error(21610, "Attempt to send to unsubscribed recipient", 400));
    }
    String body = form.get("Body");
    if (body == null || body.isEmpty()) {
      return json(400, error(21602, "Message body is required.", 400));
    }
    Sms sms =
        new Sms(String.format("SM%032x", counter.incrementAndGet()), to, form.get("From"), body);
    messages.add(sms);
    return json(
        201,
        created(sms.sid(), to, sms.from(), "Messages")
            .put("body", body)
            .put("num_segments", "1")
            .putNull("error_code")
            .putNull("error_message")
            .toString());
  }

  private MockResponse placeCall(Map<String, String> form) {
    String to = form.getOrDefault("To", "");
    if (!E164.matcher(to).matches()) {
      return json(400, error(21211, "Invalid 'To' Phone Number: " + to, 400));
    }
    String twiml = form.get("Twiml");
    if (twiml == null || twiml.isEmpty()) {
      return json(400, error(21205, "Url parameter is required.", 400));
    }
    if (twiml.length() > TWIML_MAX) {
      // Twilio's own code for this is not in our notes; 21000 stands in for "invalid parameter".
      return json(
          400,
          error(21000, "Twiml is too long: it may be at most " + TWIML_MAX + " characters.", 400));
    }
    Call placed =
        new Call(String.format("CA%032x", counter.incrementAndGet()), to, form.get("From"), twiml);
    calls.add(placed);
    return json(
        201,
        created(placed.sid(), to, placed.from(), "Calls")
            .putNull("parent_call_sid")
            .putNull("duration")
            .toString());
  }

  /** The fields a queued message and a queued call share. */
  private ObjectNode created(String sid, String to, String from, String resource) {
    return JSON.createObjectNode()
        .put("sid", sid)
        .put("account_sid", accountSid)
        .put("to", to)
        .put("from", from)
        .put("status", "queued")
        .put("direction", "outbound-api")
        .put("api_version", "2010-04-01")
        .put("uri", "/2010-04-01/Accounts/" + accountSid + "/" + resource + "/" + sid + ".json");
  }

  private static String error(int code, String message, int status) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("code", code)
            .put("message", message)
            .put("more_info", "https://www.twilio.com/docs/errors/" + code)
            .put("status", status);
    return body.toString();
  }
}
