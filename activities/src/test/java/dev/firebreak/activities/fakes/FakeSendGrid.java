package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * SendGrid's v3 Mail Send ({@code POST /v3/mail/send}, docs/providers.md §9): bearer auth, 202 with
 * an empty body and {@code X-Message-Id}, {@code {"errors":[{"message","field","help"}]}}
 * otherwise; a From address that is not a verified sender is refused with 403.
 */
public final class FakeSendGrid extends FakeServer {

  /** One accepted mail. */
  public record Mail(
      String messageId,
      List<String> to,
      String from,
      String subject,
      String text,
      JsonNode customArgs) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String apiKey;
  private final String verifiedSender;
  private final List<Mail> mails = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();

  public FakeSendGrid(String apiKey, String verifiedSender) {
    super(new FaultInjection((status, message) -> error(message, null)));
    this.apiKey = apiKey;
    this.verifiedSender = verifiedSender;
  }

  /** The base URL to configure, in place of {@code https://api.sendgrid.com/v3}. */
  public String baseUrl() {
    return urlOf("/v3");
  }

  public List<Mail> mails() {
    return List.copyOf(mails);
  }

  @Override
  protected MockResponse handle(RecordedRequest request) {
    if (!("Bearer " + apiKey).equals(request.getHeader("Authorization"))) {
      return json(
          401, error("The provided authorization grant is invalid, expired, or revoked", null));
    }
    if (!"POST".equals(request.getMethod())
        || !"/v3/mail/send".equals(request.getRequestUrl().encodedPath())) {
      return json(404, error("resource not found", null));
    }
    JsonNode mail;
    try {
      mail = JSON.readTree(bodyOf(request));
    } catch (IOException notJson) {
      return json(400, error("Bad Request", null));
    }
    List<String> to = new ArrayList<>();
    mail.path("personalizations")
        .path(0)
        .path("to")
        .forEach(address -> to.add(address.path("email").asText()));
    if (to.isEmpty() || to.stream().anyMatch(address -> !address.contains("@"))) {
      return json(400, error("Does not contain a valid address.", "personalizations.0.to"));
    }
    String from = mail.path("from").path("email").asText("");
    if (!from.equals(verifiedSender)) {
      return json(
          403,
          error(
              "The from address does not match a verified Sender Identity. Mail cannot be sent"
                  + " until this error is resolved.",
              "from"));
    }
    String messageId = String.format("fake%018d", counter.incrementAndGet());
    mails.add(
        new Mail(
            messageId,
            to,
            from,
            mail.path("subject").asText(),
            mail.path("content").path(0).path("value").asText(),
            mail.path("custom_args")));
    return new MockResponse().setResponseCode(202).setHeader("X-Message-Id", messageId);
  }

  private static String error(String message, String field) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("errors").addObject().put("message", message).put("field", field).putNull("help");
    return body.toString();
  }
}
