package dev.firebreak.workflows.oncall;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One on-call schedule for its whole life (workflow id {@code oncall-<name>}): it holds the
 * overrides, so they survive every restart and show in the Temporal UI, and it sends the handoff
 * notices.
 */
@WorkflowInterface
public interface OnCallScheduleWorkflow {

  String PREFIX = "oncall-";

  static String workflowId(String schedule) {
    return PREFIX + schedule;
  }

  @WorkflowMethod
  void run(OnCallScheduleInput input);

  @SignalMethod(description = "The configuration changed (or was confirmed) at process start")
  void configure(ScheduleSpec spec);

  @SignalMethod(description = "The schedule left the configuration: finish")
  void retire();

  @UpdateMethod(
      description = "Put someone on call for a span: a shift taken over, a cover, half a swap")
  ScheduleOverride override(ScheduleOverride override);

  @UpdateValidatorMethod(updateName = "override")
  void validateOverride(ScheduleOverride override);

  @UpdateMethod(
      description =
          "Two people exchange shifts: two overrides applied together, both or neither; both hear"
              + " what they now cover")
  SwappedShifts swap(ShiftSwap swap);

  @UpdateValidatorMethod(updateName = "swap")
  void validateSwap(ShiftSwap swap);

  @QueryMethod(description = "The overrides that have not ended yet, oldest first")
  List<ScheduleOverride> overrides();
}
