package dev.firebreak.activities.slack;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.util.json.GsonFactory;
import dev.firebreak.activities.http.ProviderCallMetrics;
import dev.firebreak.activities.http.ProviderFailures;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Runs one Web API call and turns every way it can fail into a {@link ProviderFailures} failure.
 * Slack reports business errors as HTTP 200 with {@code ok:false}, which the SDK returns without
 * throwing, so the envelope is checked here too; a few of those codes are Slack saying "not now"
 * rather than "no" and are retried.
 */
final class SlackCalls {

  static final String PROVIDER = "Slack";

  /**
   * chat.postMessage says {@code rate_limited}; every other method's 429 body says {@code
   * ratelimited}.
   */
  private static final Set<String> RATE_LIMIT_ERRORS = Set.of("ratelimited", "rate_limited");

  private static final Set<String> TRANSIENT_ERRORS =
      Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");

  private static final String RETRY_AFTER = "Retry-After";

  private final SlackConfig config;
  private final MethodsClient methods;
  private final String token;

  /**
   * slack-api-client 1.51 builds a new Gson for every response it parses, and a new Gson reflects
   * over the whole response model again (a posted message alone brings hundreds of fields): under
   * load that cost more CPU than everything else in the call. Responses are read here instead, with
   * one Gson built once by the SDK's own factory, so they parse exactly as the SDK would parse
   * them.
   */
  private final Gson gson;

  /**
   * @param token the bot token; sent as the bearer header, never logged
   */
  SlackCalls(SlackConfig config, MethodsClient methods, String token) {
    this.config = config;
    this.methods = methods;
    this.token = token;
    this.gson = GsonFactory.createSnakeCase(config);
  }

  /**
   * @param method the Web API method, named in every failure message
   * @param target what the call was about (a channel, a message), for the failure message
   * @param form the request, as the SDK's {@code RequestFormBuilder.toForm} writes it
   */
  <T extends SlackApiTextResponse> T invoke(
      String method, String target, Class<T> type, FormBody.Builder form) {
    return invoke(method, target, Set.of(), type, form);
  }

  /**
   * @param settled {@code ok:false} codes that mean the work is already done ({@code name_taken},
   *     {@code already_in_channel}): the response is returned for the caller to read, not thrown
   */
  <T extends SlackApiTextResponse> T invoke(
      String method, String target, Set<String> settled, Class<T> type, FormBody.Builder form) {
    String what = method + " (" + target + ")";
    T response;
    try {
      response = send(method, type, form);
    } catch (SlackApiException e) {
      ProviderCallMetrics.answered(PROVIDER, e.getResponse().code());
      String error = e.getError() == null ? null : e.getError().getError();
      throw ProviderFailures.forStatus(
          PROVIDER,
          e.getResponse().code(),
          what + describe(error),
          e.getResponse().header(RETRY_AFTER));
    } catch (IOException e) {
      ProviderCallMetrics.unanswered(PROVIDER, e instanceof InterruptedIOException);
      throw ProviderFailures.unavailable(
          PROVIDER + " " + what + " got no answer: " + e.getMessage(), e);
    }
    if (response.isOk() || settled.contains(response.getError())) {
      ProviderCallMetrics.answered(PROVIDER, 200);
      return response;
    }
    // Slack says no with HTTP 200 and ok:false; counted as the status it stands for.
    String error = response.getError();
    ProviderCallMetrics.answered(
        PROVIDER,
        RATE_LIMIT_ERRORS.contains(error) ? 429 : TRANSIENT_ERRORS.contains(error) ? 503 : 400);
    throw failureFor(what, response);
  }

  private <T extends SlackApiTextResponse> T send(
      String method, Class<T> type, FormBody.Builder form) throws IOException, SlackApiException {
    try (Response http = methods.runPostFormWithToken(form, method, token)) {
      ResponseBody content = http.body();
      String body = content == null ? "" : content.string();
      if (!http.isSuccessful()) {
        throw new SlackApiException(config, http, body);
      }
      T parsed = gson.fromJson(body, type);
      if (parsed == null) {
        throw new JsonParseException("empty body");
      }
      parsed.setHttpResponseHeaders(http.headers().toMultimap());
      return parsed;
    } catch (JsonParseException e) {
      // Something between us and Slack (a proxy, a captive portal) answered for it.
      ProviderCallMetrics.answered(PROVIDER, 200);
      throw ProviderFailures.unavailable(
          PROVIDER
              + " "
              + method
              + " answered HTTP 200 with a body that is not Slack's JSON: "
              + e.getMessage(),
          e);
    }
  }

  private static ApplicationFailure failureFor(String what, SlackApiTextResponse response) {
    String error = response.getError();
    String message = PROVIDER + " " + what + " failed: " + error;
    if (RATE_LIMIT_ERRORS.contains(error)) {
      return ProviderFailures.rateLimited(
          PROVIDER,
          message,
          ProviderFailures.parseRetryAfter(header(response.getHttpResponseHeaders())));
    }
    if (TRANSIENT_ERRORS.contains(error)) {
      return ProviderFailures.unavailable(message, null);
    }
    String needed =
        response.getNeeded() == null ? "" : " (needs scope " + response.getNeeded() + ")";
    return ProviderFailures.rejected(message + needed);
  }

  private static String describe(String error) {
    return error == null ? "" : " " + error;
  }

  private static String header(Map<String, List<String>> headers) {
    if (headers == null) {
      return null;
    }
    return headers.entrySet().stream()
        .filter(h -> RETRY_AFTER.equalsIgnoreCase(h.getKey()) && !h.getValue().isEmpty())
        .map(h -> h.getValue().get(0))
        .findFirst()
        .orElse(null);
  }
}
