package dev.firebreak.workflows.maintenance;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Keeps a recurring maintenance window coming: sleeps until its next occurrence's first
 * announcement is due, starts that occurrence as its own {@link MaintenanceWindowWorkflow}, and
 * continues as new for the one after. One per window of the config, started at worker start.
 *
 * <p>An occurrence whose announcements are partly past when the loop reaches it still runs, and
 * announces at once (once). An occurrence whose start has passed is skipped, never run late: the
 * loop logs it and the next occurrence's timeline says so.
 */
@WorkflowInterface
public interface RecurringWindowWorkflow {

  static String workflowId(String windowName) {
    return "maintenance-recurring-" + windowName;
  }

  /**
   * The window id of the occurrence starting at {@code start}: its local date and the window's
   * name.
   */
  static String occurrenceId(String windowName, ZonedDateTime start) {
    return "MW-" + DateTimeFormatter.ofPattern("yyyyMMdd").format(start) + "-" + windowName;
  }

  /**
   * @param after the start of the occurrence already started; null on the first run
   * @param skipped what was skipped since the last occurrence started (a sentence the next
   *     occurrence's timeline carries); null when nothing was
   */
  @WorkflowMethod
  void run(RecurringWindow window, Instant after, String skipped);

  /** When the next occurrence starts. */
  @QueryMethod
  Instant nextStart();
}
