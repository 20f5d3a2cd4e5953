package dev.firebreak.workflows.heartbeat;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;

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

  /**
   * Starts the environment with a worker for heartbeats and the incidents they declare (as children
   * on {@link TaskQueue#NAME}), with recording activities.
   */
  public static void startWorker(TestWorkflowEnvironment env) {
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(
        HeartbeatWorkflowImpl.class, IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RecordingChat(),
        new RecordingPager(),
        new ScriptedDiagnostics(),
        new RecordingNotices());
    env.start();
  }

  /** A plain success by ping URL at the environment's current time. */
  public static HeartbeatPing success(TestWorkflowEnvironment env) {
    return new HeartbeatPing(
        PingKind.SUCCESS,
        null,
        null,
        Instant.ofEpochMilli(env.currentTimeMillis()),
        null,
        "ping",
        0);
  }
}
