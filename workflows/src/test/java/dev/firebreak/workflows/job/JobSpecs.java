package dev.firebreak.workflows.job;

import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.Severity;
import java.time.Duration;
import java.util.Map;

/** The Recoup runbook's payment verification job, for workflow tests. */
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
