package dev.firebreak.activities.action;

import dev.firebreak.activities.http.CredentialRedactor;
import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.Excerpt;
import dev.firebreak.activities.http.HttpReply;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderHttp;
import dev.firebreak.activities.http.SecretExpander;
import dev.firebreak.workflows.action.ActionNotSent;
import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.action.HttpActionActivities;
import dev.firebreak.workflows.action.HttpActionResult;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a runbook's curl line. {@code ${ENV}} references are expanded here and nowhere else, and
 * only in a call the operator wrote in the config ({@link HttpAction#fromConfig()}): a call that
 * came over the API or Slack is sent exactly as written, so nobody can make the worker send its
 * secrets to a URL of their choosing. What is logged or returned is built from the unexpanded
 * action, and what is quoted of the answer is a short excerpt with credentials (and the secrets
 * this call was sent with) redacted, so a secret never reaches logs, workflow history, the timeline
 * or chat. An unexpected status fails the activity through the shared mapping: 429 and 5xx retry,
 * any other status is permanent.
 */
public final class HttpActionActivitiesImpl implements HttpActionActivities {

  public static final String INVALID_ACTION = ActionNotSent.INVALID_ACTION;

  /**
   * Result bodies go into workflow history and from there anywhere; a short excerpt shows what
   * happened.
   */
  static final int MAX_RESULT_BODY_CHARS = ErrorMessageReader.EXCERPT_CHARS;

  /**
   * The metric label of every call a request wrote: its name is the requester's text, not a bounded
   * set.
   */
  static final String AD_HOC_METRIC_LABEL = "HTTP action (ad hoc)";

  private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");
  private static final MediaType DEFAULT_BODY_TYPE =
      MediaType.get("application/json; charset=utf-8");
  private static final Logger log = LoggerFactory.getLogger(HttpActionActivitiesImpl.class);

  private final HttpTransport transport;

  /**
   * A request's call went only to a host the config names, and a redirect must not take it
   * elsewhere.
   */
  private final HttpTransport adHocTransport;

  private final SecretExpander secrets;
  private final HttpActionActivities whenUnset;

  /**
   * A configured call that references an unset variable fails (permanently, naming the variable).
   */
  public HttpActionActivitiesImpl(HttpTransport transport, SecretExpander secrets) {
    this(transport, secrets, null);
  }

  /**
   * @param whenUnset describes a configured call whose variables are not all set instead of failing
   *     it, as dev mode does (a demo has no secrets); null fails it
   */
  public HttpActionActivitiesImpl(
      HttpTransport transport, SecretExpander secrets, HttpActionActivities whenUnset) {
    this.transport = transport;
    this.adHocTransport = transport.withoutRedirects();
    this.secrets = secrets;
    this.whenUnset = whenUnset;
  }

  @Override
  public HttpActionResult perform(HttpAction action) {
    List<String> texts = action.fromConfig() ? textsOf(action) : List.of();
    List<String> unset = secrets.unsetIn(texts);
    if (!unset.isEmpty() && whenUnset != null) {
      HttpActionResult described = whenUnset.perform(action);
      return new HttpActionResult(
          described.name(),
          described.status(),
          described.body(),
          true,
          described.detail() + " (not sent: " + String.join(", ", unset) + " not set)");
    }
    List<String> sentSecrets = secrets.valuesIn(texts);
    String method = action.method().toUpperCase(Locale.ROOT);
    String shown = CredentialRedactor.redact(method + " " + action.url());
    ProviderHttp http =
        new ProviderHttp(
            action.fromConfig() ? transport : adHocTransport,
            "HTTP action " + action.name() + " (" + shown + ")",
            action.fromConfig() ? "HTTP action " + action.name() : AD_HOC_METRIC_LABEL,
            expectationAndExcerpt(action, sentSecrets));
    HttpReply reply = http.exchange(request(action, method), action.timeout());
    if (!isExpected(action, reply)) {
      log.info("HTTP action {} failed: {} answered {}", action.name(), shown, reply.status());
      throw http.failureFor(reply);
    }
    log.info("HTTP action {} done: {} answered {}", action.name(), shown, reply.status());
    return new HttpActionResult(
        action.name(),
        reply.status(),
        Excerpt.ofResponse(
            CredentialRedactor.redact(reply.body(), sentSecrets), MAX_RESULT_BODY_CHARS),
        false,
        shown + " answered " + reply.status());
  }

  /** Everything of a call that may hold a reference. */
  private static List<String> textsOf(HttpAction action) {
    List<String> texts = new ArrayList<>();
    texts.add(action.url());
    texts.add(action.body());
    if (action.headers() != null) {
      texts.addAll(action.headers().values());
    }
    return texts;
  }

  /** A configured call with its references expanded; any other call exactly as it was written. */
  private Request request(HttpAction action, String method) {
    UnaryOperator<String> text = action.fromConfig() ? secrets::expand : UnaryOperator.identity();
    HttpUrl url = HttpUrl.parse(text.apply(action.url()));
    if (url == null) {
      throw invalid(action, "'" + action.url() + "' is not an http(s) URL");
    }
    Map<String, String> headers =
        action.fromConfig()
            ? secrets.expandValues(action.headers())
            : new LinkedHashMap<>(action.headers() == null ? Map.of() : action.headers());
    Request.Builder request = new Request.Builder().url(url);
    headers.forEach(
        (name, value) -> {
          try {
            request.header(name, value);
          } catch (IllegalArgumentException refused) {
            // OkHttp's message quotes the value, which may be an expanded secret: name the header
            // only.
            throw invalid(
                action, "has header " + name + " with a line break or non-ASCII character");
          }
        });
    try {
      request.method(method, bodyOf(action, method, headers, text));
    } catch (IllegalArgumentException refused) {
      throw invalid(action, "cannot be sent as configured (" + refused.getMessage() + ")");
    }
    return request.build();
  }

  private static ApplicationFailure invalid(HttpAction action, String why) {
    return ApplicationFailure.newNonRetryableFailure(
        "HTTP action " + action.name() + " " + why, INVALID_ACTION);
  }

  private static RequestBody bodyOf(
      HttpAction action, String method, Map<String, String> headers, UnaryOperator<String> text) {
    boolean hasBody = action.body() != null && !action.body().isEmpty();
    if (!hasBody && !METHODS_WITH_BODY.contains(method)) {
      return null;
    }
    String contentType =
        headers.entrySet().stream()
            .filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    MediaType type = contentType == null ? DEFAULT_BODY_TYPE : MediaType.parse(contentType);
    return RequestBody.create(hasBody ? text.apply(action.body()) : "", type);
  }

  private static boolean isExpected(HttpAction action, HttpReply reply) {
    return action.expectedStatus() == 0
        ? reply.isSuccessful()
        : reply.status() == action.expectedStatus();
  }

  /**
   * The failure message says what was expected when a 2xx was not the one asked for, and quotes the
   * answer without the secrets the call was sent with (an endpoint may echo them back).
   */
  private static ErrorMessageReader expectationAndExcerpt(
      HttpAction action, List<String> sentSecrets) {
    ErrorMessageReader quoted = ErrorMessageReader.bodyExcerpt();
    ErrorMessageReader excerpt = body -> quoted.read(CredentialRedactor.redact(body, sentSecrets));
    if (action.expectedStatus() == 0) {
      return excerpt;
    }
    return body -> {
      String said = excerpt.read(body);
      return "expected " + action.expectedStatus() + (said == null ? "" : "; body: " + said);
    };
  }
}
