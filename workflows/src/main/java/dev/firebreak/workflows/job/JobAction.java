package dev.firebreak.workflows.job;

import dev.firebreak.workflows.action.HttpAction;
import java.util.Map;

/**
 * What one run of a job does: call the application's cron endpoint ({@code http}, the runbooks'
 * curl with its secret as a {@code ${ENV}} reference), or run a built-in job as a child workflow
 * ({@code webhook-retry}, whose workflow another part of Firebreak registers by that type name).
 *
 * @param http the call, for kind {@code http}; null otherwise
 * @param parameters the built-in job's input, for kind {@code webhook-retry}; passed as it is
 */
public record JobAction(String kind, HttpAction http, Map<String, String> parameters) {

  public static final String HTTP = "http";
  public static final String WEBHOOK_RETRY = "webhook-retry";

  /**
   * The workflow type a {@code webhook-retry} run starts; bound by name so this package does not
   * depend on it.
   */
  public static final String WEBHOOK_RETRY_WORKFLOW = "WebhookRetryWorkflow";

  public JobAction {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  public static JobAction http(HttpAction http) {
    return new JobAction(HTTP, http, Map.of());
  }

  public static JobAction webhookRetry(Map<String, String> parameters) {
    return new JobAction(WEBHOOK_RETRY, null, parameters);
  }

  public boolean runsAsChild() {
    return WEBHOOK_RETRY.equals(kind);
  }
}
