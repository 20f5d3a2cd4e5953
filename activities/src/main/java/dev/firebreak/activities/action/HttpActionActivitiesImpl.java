package dev.firebreak.activities.action;

import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.Excerpt;
import dev.firebreak.activities.http.HttpReply;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderHttp;
import dev.firebreak.activities.http.SecretExpander;
import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.action.HttpActionActivities;
import dev.firebreak.workflows.action.HttpActionResult;
import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a runbook's curl line. {@code ${ENV}} references are expanded here and nowhere else, and
 * what is logged or returned is built from the unexpanded action, so a secret in a header or URL
 * never reaches logs or workflow history. An unexpected status fails the activity through the
 * shared mapping: 429 and 5xx retry, any other status is permanent.
 */
public final class HttpActionActivitiesImpl implements HttpActionActivities {

  public static final String INVALID_ACTION = "InvalidHttpAction";

  /** Result bodies go into workflow history; a few KB is enough to show what happened. */
  static final int MAX_RESULT_BODY_CHARS = 4096;
  private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");
  private static final MediaType DEFAULT_BODY_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final Logger log = LoggerFactory.getLogger(HttpActionActivitiesImpl.class);

  private final HttpTransport transport;
  private final SecretExpander secrets;

  public HttpActionActivitiesImpl(HttpTransport transport, SecretExpander secrets) {
    this.transport = transport;
    this.secrets = secrets;
  }

  @Override
  public HttpActionResult perform(HttpAction action) {
    String method = action.method().toUpperCase(Locale.ROOT);
    String shown = method + " " + action.url();
    ProviderHttp http = new ProviderHttp(
        transport, "HTTP action " + action.name() + " (" + shown + ")", expectationAndExcerpt(action));
    HttpReply reply = http.exchange(expandedRequest(action, method), action.timeout());
    if (!isExpected(action, reply)) {
      log.info("HTTP action {} failed: {} answered {}", action.name(), shown, reply.status());
      throw http.failureFor(reply);
    }
    log.info("HTTP action {} done: {} answered {}", action.name(), shown, reply.status());
    return new HttpActionResult(action.name(), reply.status(),
        Excerpt.cut(reply.body(), MAX_RESULT_BODY_CHARS), false, shown + " answered " + reply.status());
  }

  private Request expandedRequest(HttpAction action, String method) {
    HttpUrl url = HttpUrl.parse(secrets.expand(action.url()));
    if (url == null) {
      throw invalid(action, "'" + action.url() + "' is not an http(s) URL");
    }
    Map<String, String> headers = secrets.expandValues(action.headers());
    Request.Builder request = new Request.Builder().url(url);
    headers.forEach((name, value) -> {
      try {
        request.header(name, value);
      } catch (IllegalArgumentException refused) {
        // OkHttp's message quotes the value, which may be an expanded secret: name the header only.
        throw invalid(action, "has header " + name + " with a line break or non-ASCII character");
      }
    });
    try {
      request.method(method, bodyOf(action, method, headers));
    } catch (IllegalArgumentException refused) {
      throw invalid(action, "cannot be sent as configured (" + refused.getMessage() + ")");
    }
    return request.build();
  }

  private static ApplicationFailure invalid(HttpAction action, String why) {
    return ApplicationFailure.newNonRetryableFailure("HTTP action " + action.name() + " " + why, INVALID_ACTION);
  }

  private RequestBody bodyOf(HttpAction action, String method, Map<String, String> headers) {
    boolean hasBody = action.body() != null && !action.body().isEmpty();
    if (!hasBody && !METHODS_WITH_BODY.contains(method)) {
      return null;
    }
    String contentType = headers.entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
    MediaType type = contentType == null ? DEFAULT_BODY_TYPE : MediaType.parse(contentType);
    return RequestBody.create(hasBody ? secrets.expand(action.body()) : "", type);
  }

  private static boolean isExpected(HttpAction action, HttpReply reply) {
    return action.expectedStatus() == 0 ? reply.isSuccessful() : reply.status() == action.expectedStatus();
  }

  /** The failure message says what was expected when a 2xx was not the one asked for. */
  private static ErrorMessageReader expectationAndExcerpt(HttpAction action) {
    ErrorMessageReader excerpt = ErrorMessageReader.bodyExcerpt();
    if (action.expectedStatus() == 0) {
      return excerpt;
    }
    return body -> {
      String said = excerpt.read(body);
      return "expected " + action.expectedStatus() + (said == null ? "" : "; body: " + said);
    };
  }
}
