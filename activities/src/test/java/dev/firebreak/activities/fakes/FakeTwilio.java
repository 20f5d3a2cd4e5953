package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
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
 * Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, docs/providers.md
 * §8): HTTP Basic auth, form-encoded PascalCase fields, 201 with the message, and Twilio's {@code
 * {"code","message","more_info","status"}} errors (20003 auth, 20404 not found, 21211 invalid To,
 * 21610 unsubscribed recipient).
 */
public final class FakeTwilio extends FakeServer {

  /** One message Twilio accepted. */
  public record Sms(String sid, String to, String from, String body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MESSAGES =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private final String accountSid;
  private final String authToken;
  private final Set<String> unsubscribed = new HashSet<>();
  private final List<Sms> messages = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();

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

  @Override
  protected synchronized MockResponse handle(RecordedRequest request) {
    if (!Credentials.basic(accountSid, authToken).equals(request.getHeader("Authorization"))) {
      return json(401, error(20003, "Authenticate", 401));
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
        JSON.createObjectNode()
            .put("sid", sms.sid())
            .put("account_sid", accountSid)
            .put("to", to)
            .put("from", sms.from())
            .put("body", body)
            .put("status", "queued")
            .put("num_segments", "1")
            .put("direction", "outbound-api")
            .put("api_version", "2010-04-01")
            .putNull("error_code")
            .putNull("error_message")
            .put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sms.sid() + ".json")
            .toString());
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
