package dev.firebreak.workflows.maintenance;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Instant;

/**
 * Keeps a recurring maintenance window coming: sleeps until its next occurrence's first
 * announcement is due, starts that occurrence as its own {@link MaintenanceWindowWorkflow}, and
 * continues as new for the one after. One per window of the config, started at worker start.
 */
@WorkflowInterface
public interface RecurringWindowWorkflow {

  static String workflowId(String windowName) {
    return "maintenance-recurring-" + windowName;
  }

  /** @param after the start of the occurrence already started; null on the first run */
  @WorkflowMethod
  void run(RecurringWindow window, Instant after);

  /** When the next occurrence starts. */
  @QueryMethod
  Instant nextStart();
}
