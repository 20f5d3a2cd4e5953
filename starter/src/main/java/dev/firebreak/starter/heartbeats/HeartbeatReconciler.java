package dev.firebreak.starter.heartbeats;

import dev.firebreak.workflows.heartbeat.HeartbeatSpec;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Temporal match the config's heartbeats at worker start: every configured heartbeat has its
 * workflow, started or told its configuration. Running it again changes nothing. A heartbeat
 * removed from the config keeps its workflow until it is retired ({@code temporal workflow signal
 * --name retire}), so removing one by mistake loses nothing it remembers.
 */
public final class HeartbeatReconciler {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatReconciler.class);

  private final HeartbeatWorkflows workflows;

  public HeartbeatReconciler(HeartbeatWorkflows workflows) {
    this.workflows = workflows;
  }

  public void reconcile(List<HeartbeatSpec> heartbeats) {
    heartbeats.forEach(workflows::configure);
    if (!heartbeats.isEmpty()) {
      log.info(
          "Heartbeats reconciled: {}",
          String.join(", ", heartbeats.stream().map(HeartbeatSpec::name).toList()));
    }
  }
}
