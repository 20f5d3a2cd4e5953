package dev.firebreak.activities.dryrun;

import dev.firebreak.activities.http.Excerpt;
import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.action.HttpActionActivities;
import dev.firebreak.workflows.action.HttpActionResult;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configured HTTP actions in dry-run: the call is described as configured, with {@code ${ENV}}
 * references left unexpanded and header values left out, so nothing secret is logged.
 */
public final class DryRunHttpActionActivities implements HttpActionActivities {

  private static final Logger log = LoggerFactory.getLogger(DryRunHttpActionActivities.class);
  private static final int BODY_CHARS = 200;

  @Override
  public HttpActionResult perform(HttpAction action) {
    StringBuilder call =
        new StringBuilder("dry-run: ")
            .append(action.method().toUpperCase(Locale.ROOT))
            .append(' ')
            .append(action.url());
    if (action.headers() != null && !action.headers().isEmpty()) {
      call.append(" headers=").append(String.join(",", action.headers().keySet()));
    }
    if (action.body() != null && !action.body().isEmpty()) {
      call.append(" body=").append(DryRunCall.quote(Excerpt.of(action.body(), BODY_CHARS)));
    }
    String detail = call.toString();
    log.info("HTTP action {} {}", action.name(), detail);
    return new HttpActionResult(action.name(), 0, "", true, detail);
  }
}
