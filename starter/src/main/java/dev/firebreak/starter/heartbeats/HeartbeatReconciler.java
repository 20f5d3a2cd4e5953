package dev.firebreak.starter.heartbeats;

import dev.firebreak.starter.service.InParallel;
import dev.firebreak.workflows.heartbeat.HeartbeatSpec;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflow;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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

  /**
   * Signal-with-starts in flight at once: each is a server round trip, and one after the other a
   * thousand heartbeats kept a worker's start busy for 26 s on the CLI's dev server.
   */
  static final int PARALLEL_CALLS = 8;

  private final HeartbeatWorkflows workflows;

  public HeartbeatReconciler(HeartbeatWorkflows workflows) {
    this.workflows = workflows;
  }

  public void reconcile(List<HeartbeatSpec> heartbeats) {
    InParallel.apply(
        PARALLEL_CALLS,
        heartbeats,
        spec -> {
          workflows.configure(spec);
          return spec;
        });
    Set<String> wanted =
        heartbeats.stream()
            .map(spec -> HeartbeatWorkflow.workflowId(spec.name()))
            .collect(Collectors.toSet());
    List<String> removed =
        workflows.runningIds().stream().filter(id -> !wanted.contains(id)).toList();
    InParallel.apply(
        PARALLEL_CALLS,
        removed,
        workflowId -> {
          if (workflows.retire(workflowId)) {
            log.info("Heartbeat {} retired: no longer in the configuration", workflowId);
          }
          return workflowId;
        });
    if (!heartbeats.isEmpty()) {
      log.info(
          "Heartbeats reconciled: {}",
          String.join(", ", heartbeats.stream().map(HeartbeatSpec::name).toList()));
    }
  }
}
