package dev.firebreak.activities.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.http.Excerpt;
import dev.firebreak.activities.http.HttpReply;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
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
 *
 * <p>Unhealthy is only said once it is confirmed ({@link HealthConfirmation}): a failed check is
 * repeated after a short pause, and a service that passes any of the checks is healthy. The summary
 * says when a result needed more than one check, so the timeline shows the blip or the
 * confirmation.
 */
public final class HttpHealthChecker {

  private static final Logger log = LoggerFactory.getLogger(HttpHealthChecker.class);
  private static final int BODY_QUOTE_CHARS = 80;

  private final HttpTransport transport;
  private final HealthConfirmation confirmation;
  private final ObjectMapper json = new ObjectMapper();

  public HttpHealthChecker(HttpTransport transport, HealthConfirmation confirmation) {
    this.transport = transport;
    this.confirmation = confirmation;
  }

  public HealthResult check(HealthCheck check) {
    HttpUrl url = check.url() == null ? null : HttpUrl.parse(check.url());
    HealthResult result =
        url == null
            ? unhealthy(check, 0, "'" + check.url() + "' is not an http(s) URL")
            : confirmed(check, url);
    log.info("{} health check of {}: {}", check.service(), check.url(), result.summary());
    return result;
  }

  /** The first healthy result, or the last of {@code confirmation.checks()} unhealthy ones. */
  private HealthResult confirmed(HealthCheck check, HttpUrl url) {
    HealthResult first = judge(check, url);
    HealthResult latest = first;
    for (int attempt = 2; attempt <= confirmation.checks() && !latest.healthy(); attempt++) {
      log.info(
          "{} health check {} of {} failed ({}); checking again in {} ms",
          check.service(),
          attempt - 1,
          confirmation.checks(),
          latest.summary(),
          confirmation.interval().toMillis());
      pause(check);
      latest = judge(check, url);
      if (latest.healthy()) {
        return withSummary(
            latest,
            latest.summary() + " (on check " + attempt + "; check 1 was " + first.summary() + ")");
      }
    }
    if (latest.healthy() || confirmation.checks() == 1) {
      return latest;
    }
    return withSummary(
        latest,
        latest.summary()
            + " (on all "
            + confirmation.checks()
            + " checks, "
            + confirmation.interval().toMillis()
            + " ms apart)");
  }

  private void pause(HealthCheck check) {
    try {
      Thread.sleep(confirmation.interval().toMillis());
    } catch (InterruptedException interrupted) {
      // The worker is stopping or the activity was cancelled: an unconfirmed failure is no verdict,
      // so the activity fails and Temporal runs it again elsewhere.
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while confirming the health of " + check.service(), interrupted);
    }
  }

  private HealthResult judge(HealthCheck check, HttpUrl url) {
    HttpReply reply;
    try {
      reply =
          transport.exchange(
              new Request.Builder().url(url).header("Accept", "application/json").get().build(),
              check.timeout());
    } catch (InterruptedIOException timedOut) {
      return unhealthy(check, 0, "no answer within " + HumanDuration.exact(check.timeout()));
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
      String quote = Excerpt.ofResponse(reply.body(), BODY_QUOTE_CHARS);
      return unhealthy(check, reply.status(), http + ", body is not JSON (\"" + quote + "\")");
    }
    List<String> critical = new ArrayList<>();
    List<String> nonCritical = new ArrayList<>();
    for (String failing : body.failingChecks()) {
      String name = failing.substring(0, failing.lastIndexOf('='));
      (check.nonCritical().contains(name) ? nonCritical : critical).add(failing);
    }
    // A failing sub-check usually fails the endpoint as a whole too (a 503, a top-level "fail").
    // When every failing sub-check is one the config calls non-critical, that failure is theirs,
    // and a failing email check alone must not keep an incident open.
    boolean onlyNonCritical = critical.isEmpty() && !nonCritical.isEmpty();
    boolean healthy = onlyNonCritical || (reply.isSuccessful() && body.healthy());
    String summary =
        (healthy ? "healthy: " : "unhealthy: ") + http + describe(body, critical, nonCritical);
    return new HealthResult(
        check.service(), healthy, reply.status(), summary, critical, false, nonCritical);
  }

  private static String describe(HealthBody body, List<String> critical, List<String> nonCritical) {
    StringBuilder text = new StringBuilder();
    if (body.status() != null) {
      text.append(", status ").append(body.status());
    }
    if (!critical.isEmpty()) {
      text.append(", failing ").append(String.join(", ", critical));
    }
    if (!nonCritical.isEmpty()) {
      text.append(", non-critical failing ").append(String.join(", ", nonCritical));
    }
    if (!body.warnings().isEmpty()) {
      text.append(", warnings ").append(String.join(", ", body.warnings()));
    }
    return text.toString();
  }

  private static HealthResult withSummary(HealthResult result, String summary) {
    return new HealthResult(
        result.service(),
        result.healthy(),
        result.httpStatus(),
        summary,
        result.failingChecks(),
        result.dryRun(),
        result.nonCriticalFailing());
  }

  private static HealthResult unhealthy(HealthCheck check, int status, String why) {
    return new HealthResult(check.service(), false, status, "unhealthy: " + why, List.of(), false);
  }
}
