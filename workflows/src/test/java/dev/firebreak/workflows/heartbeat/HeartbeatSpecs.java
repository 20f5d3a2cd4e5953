package dev.firebreak.workflows.heartbeat;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.Severity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;

/** The Recoup runbook's Vercel cron jobs as heartbeats, for workflow tests. */
public final class HeartbeatSpecs {

  private HeartbeatSpecs() {}

  /** The webhook retry that Vercel runs every 15 minutes, with 5 minutes of grace. */
  public static HeartbeatSpec webhookRetry() {
    return every("webhook-retry", Duration.ofMinutes(15), Duration.ofMinutes(5), null);
  }

  public static HeartbeatSpec every(
      String name, Duration period, Duration grace, Duration maxRunTime) {
    return new HeartbeatSpec(
        name,
        period,
        null,
        "UTC",
        grace,
        maxRunTime,
        "recoup-backend",
        Severity.P2,
        IncidentPolicies.recoup());
  }

  /** Starts the heartbeat's workflow on {@link TaskQueue#NAME}, as a worker's reconcile would. */
  public static HeartbeatWorkflow start(WorkflowClient client, HeartbeatSpec spec) {
    HeartbeatWorkflow heartbeat =
        client.newWorkflowStub(
            HeartbeatWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(HeartbeatWorkflow.workflowId(spec.name()))
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(heartbeat::run, HeartbeatInput.configured(spec));
    return heartbeat;
  }

  public static HeartbeatSpec cron(String name, String cron, String zone, Duration grace) {
    return new HeartbeatSpec(
        name,
        null,
        cron,
        zone,
        grace,
        null,
        "recoup-backend",
        Severity.P2,
        IncidentPolicies.recoup());
  }
}
