package dev.firebreak.activities.statuspage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.http.HttpReply;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.diagnostics.DependencyStatus;
import dev.firebreak.workflows.diagnostics.StatusPageCheck;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a third party's public Statuspage summary ({@code <page>/api/v2/status.json}). A dependency
 * is degraded when its indicator is anything but {@code none}.
 *
 * <p>A page that cannot be read is reported with indicator {@code unknown} and not degraded: an
 * unreachable status page is evidence about the status page, not about the dependency, and calling
 * it degraded would point responders at a third party without cause. The description says why the
 * page could not be read, so the timeline still shows that the check was attempted. For the same
 * reason this never throws: an assessment step should not stall on someone else's status page.
 */
public final class StatusPageReader {

  private static final Logger log = LoggerFactory.getLogger(StatusPageReader.class);
  static final String UNKNOWN = "unknown";

  private final HttpTransport transport;
  private final Duration timeout;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param timeout for the whole call; status pages are CDN-served and answer fast or not at all
   */
  public StatusPageReader(HttpTransport transport, Duration timeout) {
    this.transport = transport;
    this.timeout = timeout;
  }

  public DependencyStatus read(StatusPageCheck check) {
    DependencyStatus status = fetch(check);
    log.info(
        "{} status page {}: {} ({})",
        check.dependency(),
        check.url(),
        status.indicator(),
        status.description());
    return status;
  }

  private DependencyStatus fetch(StatusPageCheck check) {
    HttpUrl page = check.url() == null ? null : HttpUrl.parse(check.url());
    if (page == null) {
      return unknown(check, "'" + check.url() + "' is not an http(s) URL");
    }
    HttpUrl statusJson = page.newBuilder().addPathSegments("api/v2/status.json").build();
    HttpReply reply;
    try {
      reply = transport.exchange(new Request.Builder().url(statusJson).get().build(), timeout);
    } catch (InterruptedIOException timedOut) {
      return unknown(check, "status page did not answer within " + HumanDuration.exact(timeout));
    } catch (IOException unreachable) {
      return unknown(check, "status page unreachable (" + unreachable.getMessage() + ")");
    }
    if (!reply.isSuccessful()) {
      return unknown(check, "status page answered HTTP " + reply.status());
    }
    JsonNode status;
    try {
      status = json.readTree(reply.body()).path("status");
    } catch (JsonProcessingException notJson) {
      return unknown(check, "status page answer is not JSON");
    }
    String indicator = status.path("indicator").asText("").toLowerCase(Locale.ROOT);
    if (indicator.isEmpty()) {
      return unknown(check, "status page answer has no status.indicator");
    }
    String description = status.path("description").asText(indicator);
    return new DependencyStatus(
        check.dependency(), indicator, description, !"none".equals(indicator), false);
  }

  private static DependencyStatus unknown(StatusPageCheck check, String why) {
    return new DependencyStatus(check.dependency(), UNKNOWN, why, false, false);
  }
}
