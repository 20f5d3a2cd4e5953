package dev.firebreak.starter.oncall;

import dev.firebreak.workflows.oncall.OnCallScheduleWorkflow;
import dev.firebreak.workflows.oncall.ScheduleSpec;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Temporal match the config's schedules at worker start, as the heartbeats' reconciler does:
 * every schedule has its workflow, started or told its configuration, and a schedule removed from
 * the config has its workflow retired. Running it again changes nothing.
 */
public final class OnCallReconciler {

  private static final Logger log = LoggerFactory.getLogger(OnCallReconciler.class);

  private final OnCallSchedules schedules;

  public OnCallReconciler(OnCallSchedules schedules) {
    this.schedules = schedules;
  }

  public void reconcile() {
    List<ScheduleSpec> specs = schedules.specs();
    specs.forEach(schedules::configure);
    List<String> wanted =
        specs.stream().map(spec -> OnCallScheduleWorkflow.workflowId(spec.name())).toList();
    for (String workflowId : schedules.runningIds()) {
      if (!wanted.contains(workflowId) && schedules.retire(workflowId)) {
        log.info("On-call schedule {} retired: no longer in the configuration", workflowId);
      }
    }
    if (!specs.isEmpty()) {
      log.info(
          "On-call schedules reconciled: {}",
          String.join(", ", specs.stream().map(ScheduleSpec::name).toList()));
    }
  }
}
