package dev.firebreak.starter.heartbeats;

import dev.firebreak.workflows.heartbeat.HeartbeatSpec;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflow;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Temporal match the config's heartbeats at worker start: every configured heartbeat has its
 * workflow, started or told its configuration, and a heartbeat removed from the config has its
 * workflow retired (it completes, its history kept), as a removed job's is. Running it again
 * changes nothing.
 */
public final class HeartbeatReconciler {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatReconciler.class);

  private final HeartbeatWorkflows workflows;

  public HeartbeatReconciler(HeartbeatWorkflows workflows) {
    this.workflows = workflows;
  }

  public void reconcile(List<HeartbeatSpec> heartbeats) {
    heartbeats.forEach(workflows::configure);
    List<String> wanted =
        heartbeats.stream().map(spec -> HeartbeatWorkflow.workflowId(spec.name())).toList();
    for (String workflowId : workflows.runningIds()) {
      if (!wanted.contains(workflowId) && workflows.retire(workflowId)) {
        log.info("Heartbeat {} retired: no longer in the configuration", workflowId);
      }
    }
    if (!heartbeats.isEmpty()) {
      log.info(
          "Heartbeats reconciled: {}",
          String.join(", ", heartbeats.stream().map(HeartbeatSpec::name).toList()));
    }
  }
}
