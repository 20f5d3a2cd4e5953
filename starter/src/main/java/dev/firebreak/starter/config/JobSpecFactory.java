package dev.firebreak.starter.config;

import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.common.EnvReferences;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.job.JobAction;
import dev.firebreak.workflows.job.JobAlerts;
import dev.firebreak.workflows.job.JobRetry;
import dev.firebreak.workflows.job.JobSpec;
import dev.firebreak.workflows.playbook.ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns the validated {@code jobs} list into what the job workflows run by. A job is live only when
 * every {@code ${ENV}} reference in its call is set here, as a provider is: the demo config's jobs
 * are dry-run until their cron secrets are exported.
 */
public final class JobSpecFactory {

  private final FirebreakConfig config;
  private final IncidentPolicyFactory incidents;
  private final Function<String, String> env;

  public JobSpecFactory(
      FirebreakConfig config, IncidentPolicyFactory incidents, Function<String, String> env) {
    this.config = config;
    this.incidents = incidents;
    this.env = env;
  }

  public List<JobSpec> specs() {
    return config.jobs().stream().map(this::spec).toList();
  }

  JobSpec spec(JobConfig job) {
    String service = job.service() != null ? job.service() : config.services().get(0).name();
    JobAlerts alerts =
        new JobAlerts(
            job.warnAfter(),
            job.incidentAfter(),
            Severity.valueOf(job.severity()),
            incidents.forService(service).channel(),
            service,
            incidents.forService(service));
    JobConfig.Retry retry = job.retry();
    return new JobSpec(
        job.name(),
        job.schedule(),
        job.timeZone(),
        action(job),
        DurationText.require(job.timeout()),
        new JobRetry(
            DurationText.require(retry.initialInterval()),
            retry.backoffCoefficient(),
            DurationText.require(retry.maximumInterval()),
            retry.maximumAttempts()),
        alerts,
        job.dryRun() || !missingVariables(job).isEmpty(),
        parameters(job));
  }

  /** What a run of the job may be given, checked as an action's parameters are. */
  public static List<ParameterSpec> parameters(JobConfig job) {
    return job.parameters().stream().map(PlaybookSpecFactory::parameter).toList();
  }

  /**
   * The variables the job's call references that are not set; the job stays dry-run until they are.
   */
  public List<String> missingVariables(JobConfig job) {
    JobConfig.Action action = job.action();
    List<String> missing = new ArrayList<>();
    Stream.concat(Stream.of(action.url(), action.body()), action.headers().values().stream())
        .forEach(
            text ->
                EnvReferences.expand(
                    text,
                    name -> {
                      String value = env.apply(name);
                      if ((value == null || value.isBlank()) && !missing.contains(name)) {
                        missing.add(name);
                      }
                      return "";
                    }));
    return missing;
  }

  private static JobAction action(JobConfig job) {
    JobConfig.Action action = job.action();
    if (JobAction.WEBHOOK_RETRY.equals(action.kind())) {
      return JobAction.webhookRetry(action.parameters());
    }
    return JobAction.http(
        HttpAction.configured(
            job.name(),
            action.method(),
            action.url(),
            action.headers(),
            action.body(),
            action.expectedStatus(),
            DurationText.require(job.timeout())));
  }
}
