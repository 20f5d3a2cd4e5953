package dev.firebreak.workflows.job;

import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.Severity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
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
        false);
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
        spec.dryRun());
  }

  /**
   * Payment verification, dry-run, under another name and timing: what reconcile tests schedule.
   */
  public static JobSpec dryRun(String name, String cron, String timeZone) {
    JobSpec base = paymentVerification(3, 1, 3);
    return new JobSpec(
        name, cron, timeZone, base.action(), base.timeout(), base.retry(), base.alerts(), true);
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
        false);
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
