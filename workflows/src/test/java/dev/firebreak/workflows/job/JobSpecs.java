package dev.firebreak.workflows.job;

import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.playbook.ParameterSpec;
import dev.firebreak.workflows.playbook.ParameterType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The Recoup runbook's payment verification job, for workflow tests, and ways to start it. */
public final class JobSpecs {

  private JobSpecs() {}

  public static JobSpec paymentVerification(int maximumAttempts, int warnAfter, int incidentAfter) {
    HttpAction call =
        new HttpAction(
            "payment-verification",
            "POST",
            "https://app.recoup.example/api/cron/payment-verification",
            Map.of("Authorization", "Bearer ${CRON_SECRET}"),
            null,
            0,
            Duration.ofSeconds(30));
    return new JobSpec(
        "payment-verification",
        "0 2 * * *",
        "UTC",
        JobAction.http(call),
        Duration.ofSeconds(30),
        new JobRetry(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1), maximumAttempts),
        alerts(warnAfter, incidentAfter),
        false,
        List.of());
  }

  /** The same job under another name and timing, for tests of many jobs and their grouping. */
  public static JobSpec renamed(JobSpec spec, String name, String cron, String timeZone) {
    return new JobSpec(
        name,
        cron,
        timeZone,
        spec.action(),
        spec.timeout(),
        spec.retry(),
        spec.alerts(),
        spec.dryRun(),
        spec.parameters());
  }

  /**
   * Payment verification, dry-run, under another name and timing: what reconcile tests schedule.
   */
  public static JobSpec dryRun(String name, String cron, String timeZone) {
    JobSpec base = paymentVerification(3, 1, 3);
    return new JobSpec(
        name,
        cron,
        timeZone,
        base.action(),
        base.timeout(),
        base.retry(),
        base.alerts(),
        true,
        List.of());
  }

  /**
   * A collections sync that takes parameters: how far back ({@code since}), how many at a time
   * ({@code batch}, 1 to 500) and a note, in its query and its JSON body.
   */
  public static JobSpec collectionsSync() {
    HttpAction call =
        new HttpAction(
            "collections-sync",
            "POST",
            "https://app.recoup.example/api/cron/collections?since={{since}}&batch={{batch}}"
                + "&note={{note}}",
            Map.of("Authorization", "Bearer ${CRON_SECRET}", "X-Note", "{{note}}"),
            "{\"since\":\"{{since}}\",\"note\":\"{{note}}\"}",
            0,
            Duration.ofSeconds(30));
    return new JobSpec(
        "collections-sync",
        "0 3 * * *",
        "UTC",
        JobAction.http(call),
        Duration.ofSeconds(30),
        new JobRetry(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1), 1),
        alerts(2, 3),
        false,
        List.of(
            new ParameterSpec(
                "since", ParameterType.STRING, false, "\\d+[hd]", null, null, "24h", null),
            new ParameterSpec("batch", ParameterType.INTEGER, false, null, 1L, 500L, "100", null),
            new ParameterSpec(
                "note", ParameterType.STRING, false, null, null, null, "nightly", null)));
  }

  /** Starts the job's workflow as the reconcile does, configured with the spec. */
  public static JobWorkflow start(WorkflowClient client, JobSpec spec) {
    JobWorkflow job =
        client.newWorkflowStub(
            JobWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(JobWorkflow.workflowId(spec.name()))
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(job::run, JobState.configured(spec));
    return job;
  }

  public static JobSpec webhookRetry() {
    return new JobSpec(
        "webhook-retry",
        "*/15 * * * *",
        "UTC",
        JobAction.webhookRetry(Map.of("provider", "stripe")),
        Duration.ofMinutes(10),
        new JobRetry(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1), 1),
        alerts(2, 3),
        false,
        List.of());
  }

  private static JobAlerts alerts(int warnAfter, int incidentAfter) {
    return new JobAlerts(
        warnAfter,
        incidentAfter,
        Severity.P2,
        "#incidents",
        "recoup-backend",
        IncidentPolicies.recoup());
  }
}
