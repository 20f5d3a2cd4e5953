package dev.firebreak.activities.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.workflows.common.HumanDuration;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A provider's HTTP calls as Temporal sees them: an answer, or the failure {@link ProviderFailures}
 * picks for it, carrying the provider's own error message. Provider clients send through this and
 * never decide retryability themselves.
 */
public final class ProviderHttp {

  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  private final HttpTransport transport;
  private final String provider;
  private final String metricLabel;
  private final ErrorMessageReader errors;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param provider the name failures start with ("Vercel", "HTTP action purge-cache")
   * @param errors finds the message in the provider's error body
   */
  public ProviderHttp(HttpTransport transport, String provider, ErrorMessageReader errors) {
    this(transport, provider, provider, errors);
  }

  /**
   * @param metricLabel what the calls are counted under when {@code provider} says more than a
   *     metric label may: a label is a time series, so it must come from a bounded set (a
   *     configured name), never a URL or text a request sent
   */
  public ProviderHttp(
      HttpTransport transport, String provider, String metricLabel, ErrorMessageReader errors) {
    this.transport = transport;
    this.provider = provider;
    this.metricLabel = metricLabel;
    this.errors = errors;
  }

  /** Sends the request and returns a 2xx answer; anything else is thrown as a mapped failure. */
  public HttpReply send(Request request, Duration timeout) {
    return send(request, timeout, List.of());
  }

  /**
   * Sends a request that carries secrets (environment variable values): a failure never quotes
   * them, whatever the provider's error message echoes back.
   */
  public HttpReply send(Request request, Duration timeout, Collection<String> sentSecrets) {
    HttpReply reply = exchange(request, timeout);
    if (!reply.isSuccessful()) {
      throw failureFor(reply, sentSecrets);
    }
    return reply;
  }

  /** Sends the request and reads a 2xx answer's body as JSON. */
  public JsonNode sendForJson(Request request, Duration timeout) {
    return parse(send(request, timeout));
  }

  /** {@link #sendForJson(Request, Duration)} for a request that carries secrets. */
  public JsonNode sendForJson(Request request, Duration timeout, Collection<String> sentSecrets) {
    return parse(send(request, timeout, sentSecrets));
  }

  private JsonNode parse(HttpReply reply) {
    try {
      return json.readTree(reply.body());
    } catch (JsonProcessingException garbled) {
      // A 2xx that is not JSON comes from a proxy or an outage page in front of the provider,
      // not from the provider itself: worth retrying.
      throw ProviderFailures.unavailable(
          provider + " answered HTTP " + reply.status() + " with a body that is not JSON", garbled);
    }
  }

  /** Sends the request and returns whatever status came back; only a missing answer is thrown. */
  public HttpReply exchange(Request request, Duration timeout) {
    try {
      HttpReply reply = transport.exchange(request, timeout);
      ProviderCallMetrics.answered(metricLabel, reply.status());
      return reply;
    } catch (InterruptedIOException timedOut) {
      ProviderCallMetrics.unanswered(metricLabel, true);
      throw ProviderFailures.unavailable(
          provider + " did not answer within " + HumanDuration.exact(timeout), timedOut);
    } catch (IOException unreachable) {
      ProviderCallMetrics.unanswered(metricLabel, false);
      throw ProviderFailures.unavailable(
          provider + " could not be reached: " + unreachable.getMessage(), unreachable);
    }
  }

  /** A JSON request body, for the providers whose APIs take JSON. */
  public static RequestBody jsonBody(JsonNode body) {
    return RequestBody.create(body.toString(), JSON_TYPE);
  }

  /** The failure an answer stands for, honouring its {@code Retry-After}. */
  public ApplicationFailure failureFor(HttpReply reply) {
    return failureFor(reply, List.of());
  }

  /**
   * The failure an answer stands for, with these values blanked out of the provider's message: the
   * secrets a request carried (environment variable values), which an error may echo back.
   */
  public ApplicationFailure failureFor(HttpReply reply, Collection<String> sentSecrets) {
    return ProviderFailures.forStatus(
        provider,
        reply.status(),
        CredentialRedactor.redact(errors.read(reply.body()), sentSecrets),
        reply.header("Retry-After"));
  }
}
