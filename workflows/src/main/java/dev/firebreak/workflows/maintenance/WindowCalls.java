package dev.firebreak.workflows.maintenance;

import static dev.firebreak.workflows.common.ActivityPolicies.HEALTH;

import dev.firebreak.workflows.action.ActionNotSent;
import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.action.HttpActionActivities;
import dev.firebreak.workflows.action.HttpActionResult;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.slf4j.Logger;

/**
 * The checklist lines that need no person: a step's HTTP action and the health checks. Each result
 * goes into the timeline; a failure into the {@link WindowChecklist} too, with whether the action
 * sent anything.
 */
final class WindowCalls {

  private static final Logger log = Workflow.getLogger(WindowCalls.class);

  static final Duration DEFAULT_ACTION_TIMEOUT = Duration.ofSeconds(30);

  private final MaintenanceRequest request;
  private final MaintenancePlan plan;
  private final WindowChecklist checklist;
  private final BiConsumer<String, String> timeline;
  private final DiagnosticsActivities diagnostics =
      Workflow.newActivityStub(DiagnosticsActivities.class, HEALTH);

  /** {@code timeline} records an entry (kind, text) in the window's timeline. */
  WindowCalls(
      MaintenanceRequest request,
      MaintenancePlan plan,
      WindowChecklist checklist,
      BiConsumer<String, String> timeline) {
    this.request = request;
    this.plan = plan;
    this.checklist = checklist;
    this.timeline = timeline;
  }

  /**
   * An HTTP step: its own timeout, three attempts, its name on the activity so the UI shows which
   * step runs.
   */
  static ActivityOptions options(String kind, MaintenanceStep step) {
    Duration timeout =
        step.action().timeout() == null ? DEFAULT_ACTION_TIMEOUT : step.action().timeout();
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeout)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumAttempts(3)
                .build())
        .setSummary(kind + ": " + step.name())
        .build();
  }

  boolean call(String kind, MaintenanceStep step) {
    HttpAction action = step.action();
    HttpActionActivities http =
        Workflow.newActivityStub(HttpActionActivities.class, options(kind, step));
    try {
      HttpActionResult result = http.perform(action);
      timeline.accept(
          kind,
          "✅ "
              + step.name()
              + ": "
              + (result.dryRun() ? result.detail() : "HTTP " + result.status()));
      return true;
    } catch (ActivityFailure failed) {
      failed(kind, step.name() + " failed: " + RootCause.message(failed));
      checklist.sentNothing(ActionNotSent.is(failed));
      return false;
    }
  }

  /** Every configured health check in turn; false at the first unhealthy one. */
  boolean checkHealth(String kind) {
    for (HealthCheck check : plan.healthChecks()) {
      HealthResult result = diagnostics.checkHealth(check);
      if (!result.healthy()) {
        return failed(kind, WindowSentences.unhealthy(check, result));
      }
      timeline.accept(kind, WindowSentences.healthy(check, result));
    }
    return true;
  }

  /** Notes the failure in the checklist and the timeline; false, so a step can end with it. */
  boolean failed(String kind, String what) {
    checklist.fail(what);
    timeline.accept(kind, "❌ " + what);
    log.warn("{} {}", request.id(), what);
    return false;
  }
}
