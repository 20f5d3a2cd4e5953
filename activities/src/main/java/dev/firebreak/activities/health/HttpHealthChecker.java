package dev.firebreak.activities.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.http.Excerpt;
import dev.firebreak.activities.http.HttpReply;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a service's health endpoint how it is. Healthy means a 2xx answer whose JSON top-level
 * status is absent or healthy and where no sub-check failed (see {@link HealthBody} for the shapes
 * and words). Every other outcome, including no answer at all, is an unhealthy result with a
 * one-line reason: the workflow decides what unhealthy means, so this never throws for it.
 */
public final class HttpHealthChecker {

  private static final Logger log = LoggerFactory.getLogger(HttpHealthChecker.class);
  private static final int BODY_QUOTE_CHARS = 80;

  private final HttpTransport transport;
  private final ObjectMapper json = new ObjectMapper();

  public HttpHealthChecker(HttpTransport transport) {
    this.transport = transport;
  }

  public HealthResult check(HealthCheck check) {
    HealthResult result = judge(check);
    log.info("{} health check of {}: {}", check.service(), check.url(), result.summary());
    return result;
  }

  private HealthResult judge(HealthCheck check) {
    HttpUrl url = check.url() == null ? null : HttpUrl.parse(check.url());
    if (url == null) {
      return unhealthy(check, 0, "'" + check.url() + "' is not an http(s) URL");
    }
    HttpReply reply;
    try {
      reply = transport.exchange(
          new Request.Builder().url(url).header("Accept", "application/json").get().build(),
          check.timeout());
    } catch (InterruptedIOException timedOut) {
      return unhealthy(check, 0, "no answer within " + check.timeout().toMillis() + " ms");
    } catch (IOException unreachable) {
      return unhealthy(check, 0, "unreachable (" + unreachable.getMessage() + ")");
    }
    return judge(check, reply);
  }

  private HealthResult judge(HealthCheck check, HttpReply reply) {
    String http = "HTTP " + reply.status();
    if (reply.body().isBlank()) {
      return unhealthy(check, reply.status(), http + ", empty body");
    }
    HealthBody body;
    try {
      body = HealthBody.of(json.readTree(reply.body()));
    } catch (JsonProcessingException notJson) {
      String quote = Excerpt.of(reply.body(), BODY_QUOTE_CHARS);
      return unhealthy(check, reply.status(), http + ", body is not JSON (\"" + quote + "\")");
    }
    boolean healthy = reply.isSuccessful() && body.healthy();
    String summary = (healthy ? "healthy: " : "unhealthy: ") + http + describe(body);
    return new HealthResult(check.service(), healthy, reply.status(), summary, body.failingChecks(), false);
  }

  private static String describe(HealthBody body) {
    StringBuilder text = new StringBuilder();
    if (body.status() != null) {
      text.append(", status ").append(body.status());
    }
    if (!body.failingChecks().isEmpty()) {
      text.append(", failing ").append(String.join(", ", body.failingChecks()));
    }
    if (!body.warnings().isEmpty()) {
      text.append(", warnings ").append(String.join(", ", body.warnings()));
    }
    return text.toString();
  }

  private static HealthResult unhealthy(HealthCheck check, int status, String why) {
    return new HealthResult(check.service(), false, status, "unhealthy: " + why, List.of(), false);
  }
}
