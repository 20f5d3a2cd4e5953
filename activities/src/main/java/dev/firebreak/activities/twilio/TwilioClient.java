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
 * Twilio's Messages and Calls APIs (docs/providers.md §8): form-encoded PascalCase parameters, HTTP
 * Basic auth with the account SID and auth token. Neither has an idempotency key, so callers must
 * not send the same SMS or place the same call from a retried attempt (see the paging router).
 */
public final class TwilioClient {

  public static final String DEFAULT_BASE_URL = "https://api.twilio.com/2010-04-01";

  /** The longest inline {@code Twiml} a call may carry; Twilio refuses a longer one with 400. */
  public static final int TWIML_MAX = 4000;

  private final ProviderHttp http;
  private final HttpUrl messagesUrl;
  private final HttpUrl callsUrl;
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
    this.messagesUrl = accountUrl(baseUrl, accountSid, "Messages.json");
    this.callsUrl = accountUrl(baseUrl, accountSid, "Calls.json");
    this.credentials = Credentials.basic(accountSid, authToken);
    this.from = from;
    this.timeout = timeout;
  }

  /** Queues one SMS; returns Twilio's message sid ({@code SM…}). */
  public Accepted send(String to, String body) {
    return create(
        messagesUrl,
        new FormBody.Builder().add("To", to).add("From", from).add("Body", body).build(),
        to);
  }

  /**
   * Places one call that follows {@code twiml} once answered; returns Twilio's call sid ({@code
   * CA…}).
   *
   * @param twiml at most {@link #TWIML_MAX} characters
   */
  public Accepted call(String to, String twiml) {
    return create(
        callsUrl,
        new FormBody.Builder().add("To", to).add("From", from).add("Twiml", twiml).build(),
        to);
  }

  private Accepted create(HttpUrl url, FormBody form, String to) {
    Request request =
        new Request.Builder().url(url).header("Authorization", credentials).post(form).build();
    JsonNode created = http.sendForJson(request, timeout);
    return new Accepted(created.path("sid").asText(), created.path("status").asText(), to);
  }

  private static HttpUrl accountUrl(String baseUrl, String accountSid, String resource) {
    return HttpUrl.get(baseUrl)
        .newBuilder()
        .addPathSegment("Accounts")
        .addPathSegment(accountSid)
        .addPathSegment(resource)
        .build();
  }

  /**
   * What Twilio accepted: {@code status} is {@code queued} for a message that will go out or a call
   * that will ring.
   */
  public record Accepted(String sid, String status, String to) {}
}
