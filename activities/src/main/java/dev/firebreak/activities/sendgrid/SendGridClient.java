package dev.firebreak.activities.sendgrid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.HttpReply;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderHttp;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * SendGrid's v3 Mail Send (docs/providers.md §9): answers 202 with no body and the message id in
 * {@code X-Message-Id}. There is no idempotency key; the caller's key goes into {@code custom_args}
 * so every mail can be traced to its incident and step.
 */
public final class SendGridClient {

  public static final String DEFAULT_BASE_URL = "https://api.sendgrid.com/v3";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProviderHttp http;
  private final HttpUrl sendUrl;
  private final String apiKey;
  private final String from;
  private final Duration timeout;

  /**
   * @param baseUrl {@link #DEFAULT_BASE_URL} unless overridden ({@code SENDGRID_API_URL})
   * @param apiKey already expanded from its {@code ${ENV}} reference
   * @param from a verified sender address
   */
  public SendGridClient(
      HttpTransport transport, String baseUrl, String apiKey, String from, Duration timeout) {
    this.http =
        new ProviderHttp(transport, "SendGrid", ErrorMessageReader.jsonFields("/errors/0/message"));
    this.sendUrl = HttpUrl.get(baseUrl).newBuilder().addPathSegments("mail/send").build();
    this.apiKey = apiKey;
    this.from = from;
    this.timeout = timeout;
  }

  /** Sends a plain-text mail; returns SendGrid's message id (null if it did not say). */
  public String send(Email email) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode to = body.putArray("personalizations").addObject().putArray("to");
    email.to().forEach(address -> to.addObject().put("email", address));
    body.putObject("from").put("email", from);
    body.put("subject", email.subject());
    body.putArray("content").addObject().put("type", "text/plain").put("value", email.text());
    body.putObject("custom_args").put("firebreak_key", email.key());
    Request request =
        new Request.Builder()
            .url(sendUrl)
            .header("Authorization", "Bearer " + apiKey)
            .post(ProviderHttp.jsonBody(body))
            .build();
    HttpReply reply = http.send(request, timeout);
    return reply.header("X-Message-Id");
  }
}
