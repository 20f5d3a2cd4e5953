package dev.firebreak.activities.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderHttp;
import java.time.Duration;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Twilio's Messages API (docs/providers.md §8): form-encoded PascalCase parameters, HTTP Basic auth
 * with the account SID and auth token. Messages have no idempotency key, so callers must not send
 * the same SMS from a retried attempt (see the paging router).
 */
public final class TwilioClient {

  public static final String DEFAULT_BASE_URL = "https://api.twilio.com/2010-04-01";

  private final ProviderHttp http;
  private final HttpUrl messagesUrl;
  private final String credentials;
  private final String from;
  private final Duration timeout;

  /**
   * @param baseUrl {@link #DEFAULT_BASE_URL} unless overridden ({@code TWILIO_API_URL})
   * @param authToken already expanded from its {@code ${ENV}} reference
   * @param from the sending number, E.164
   */
  public TwilioClient(
      HttpTransport transport,
      String baseUrl,
      String accountSid,
      String authToken,
      String from,
      Duration timeout) {
    // Twilio's error body names the code too; its message alone ("Authenticate") says little.
    this.http = new ProviderHttp(transport, "Twilio", ErrorMessageReader.jsonFields("/message"));
    this.messagesUrl =
        HttpUrl.get(baseUrl)
            .newBuilder()
            .addPathSegment("Accounts")
            .addPathSegment(accountSid)
            .addPathSegment("Messages.json")
            .build();
    this.credentials = Credentials.basic(accountSid, authToken);
    this.from = from;
    this.timeout = timeout;
  }

  /** Queues one SMS; returns Twilio's message sid ({@code SM…}). */
  public SentSms send(String to, String body) {
    Request request =
        new Request.Builder()
            .url(messagesUrl)
            .header("Authorization", credentials)
            .post(new FormBody.Builder().add("To", to).add("From", from).add("Body", body).build())
            .build();
    JsonNode message = http.sendForJson(request, timeout);
    return new SentSms(message.path("sid").asText(), message.path("status").asText(), to);
  }

  /** What Twilio accepted: {@code status} is {@code queued} for a message that will go out. */
  public record SentSms(String sid, String status, String to) {}
}
