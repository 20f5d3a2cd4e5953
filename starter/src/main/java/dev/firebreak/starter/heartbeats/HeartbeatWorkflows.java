package dev.firebreak.starter.heartbeats;

import dev.firebreak.starter.service.OpenWorkflows;
import dev.firebreak.workflows.heartbeat.HeartbeatInput;
import dev.firebreak.workflows.heartbeat.HeartbeatPing;
import dev.firebreak.workflows.heartbeat.HeartbeatSpec;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.List;

/**
 * How the processes reach a heartbeat's workflow. The configuration and the pings both go by
 * signal-with-start, idempotent by the workflow id {@code heartbeat-<name>}: a ping that arrives
 * before any worker has reconciled starts the workflow itself, so it is never lost.
 */
public final class HeartbeatWorkflows {

  private final WorkflowClient client;
  private final String taskQueue;

  public HeartbeatWorkflows(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** Starts the heartbeat's workflow if it is not running and hands it the configuration. */
  public void configure(HeartbeatSpec spec) {
    signalWithStart(spec, "configure", spec);
  }

  public void ping(HeartbeatSpec spec, HeartbeatPing ping) {
    signalWithStart(spec, "ping", ping);
  }

  public HeartbeatWorkflow workflow(String name) {
    return client.newWorkflowStub(HeartbeatWorkflow.class, HeartbeatWorkflow.workflowId(name));
  }

  /** The workflow ids of the heartbeats whose workflows are running. */
  public List<String> runningIds() {
    return OpenWorkflows.idsOfType(client, HeartbeatWorkflow.class.getSimpleName());
  }

  /**
   * Tells the workflow to end: it completes after the current workflow task. Returns false when it
   * was not running.
   */
  public boolean retire(String workflowId) {
    try {
      client.newWorkflowStub(HeartbeatWorkflow.class, workflowId).retire();
      return true;
    } catch (WorkflowNotFoundException gone) {
      return false;
    }
  }

  private void signalWithStart(HeartbeatSpec spec, String signal, Object argument) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(HeartbeatWorkflow.workflowId(spec.name()))
            .setTaskQueue(taskQueue)
            .setStaticSummary(
                "Heartbeat " + spec.name() + " · " + spec.schedule() + " · " + spec.service())
            .build();
    client
        .newUntypedWorkflowStub(HeartbeatWorkflow.class.getSimpleName(), options)
        .signalWithStart(
            signal, new Object[] {argument}, new Object[] {HeartbeatInput.configured(spec)});
  }
}
