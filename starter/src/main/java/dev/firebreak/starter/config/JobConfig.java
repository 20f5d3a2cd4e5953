package dev.firebreak.starter.config;

import java.util.List;
import java.util.Map;

/**
 * A scheduled job: the runbooks' cron table as code. Unset fields take the runbook's defaults: UTC,
 * a POST, 5 minutes per attempt, 3 attempts 30 s apart doubling up to 5 minutes, a warning at the
 * first failure ("Cron Job Failures &gt; 1: Warning") and a P2 incident at the third.
 *
 * @param schedule a 5-field cron expression ({@code 0 2 * * *}), read in {@code timeZone}
 * @param service the service an incident about the job is declared on; the first service when unset
 * @param warnAfter consecutive failures that post a warning; 0 never warns
 * @param incidentAfter consecutive failures that declare an incident; 0 never declares one
 * @param dryRun describe the call instead of making it; a job whose secrets are not set is dry-run
 *     anyway
 * @param parameters values the call takes as {@code {{name}}}, typed as an action's are; a
 *     scheduled run uses their defaults, a run now may give others
 */
public record JobConfig(
    String name,
    String schedule,
    String timeZone,
    String service,
    Action action,
    String timeout,
    Retry retry,
    Integer warnAfter,
    Integer incidentAfter,
    String severity,
    Boolean dryRun,
    List<PlaybookActionConfig.Parameter> parameters) {

  public static final String DEFAULT_TIME_ZONE = "UTC";

  public JobConfig {
    timeZone = timeZone == null ? DEFAULT_TIME_ZONE : timeZone;
    action = action == null ? new Action(null, null, null, null, null, null, null) : action;
    timeout = timeout == null ? "5m" : timeout;
    retry = retry == null ? new Retry(null, null, null, null) : retry;
    warnAfter = warnAfter == null ? 1 : warnAfter;
    incidentAfter = incidentAfter == null ? 3 : incidentAfter;
    severity = severity == null ? "P2" : severity;
    dryRun = dryRun != null && dryRun;
    parameters = ConfigShape.listOf(parameters);
  }

  /**
   * The call a run makes: kind {@code http} (the application's cron endpoint, secret as a {@code
   * ${ENV}} reference in the URL or a header) or the built-in {@code webhook-retry}.
   *
   * @param expectedStatus the status that means success; any 2xx when unset
   * @param parameters the built-in job's settings, for {@code webhook-retry}
   */
  public record Action(
      String kind,
      String method,
      String url,
      Map<String, String> headers,
      String body,
      Integer expectedStatus,
      Map<String, String> parameters) {

    public Action {
      kind = kind == null ? "http" : kind;
      method = method == null ? "POST" : method;
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      expectedStatus = expectedStatus == null ? 0 : expectedStatus;
      parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
  }

  /** Exponential backoff between the attempts of one run. */
  public record Retry(
      String initialInterval,
      Double backoffCoefficient,
      String maximumInterval,
      Integer maximumAttempts) {

    public Retry {
      initialInterval = initialInterval == null ? "30s" : initialInterval;
      backoffCoefficient = backoffCoefficient == null ? 2.0 : backoffCoefficient;
      maximumInterval = maximumInterval == null ? "5m" : maximumInterval;
      maximumAttempts = maximumAttempts == null ? 3 : maximumAttempts;
    }
  }
}
