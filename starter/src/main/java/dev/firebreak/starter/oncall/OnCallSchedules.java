package dev.firebreak.starter.oncall;

import dev.firebreak.starter.service.OpenWorkflows;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import dev.firebreak.workflows.oncall.OnCallCalculator;
import dev.firebreak.workflows.oncall.OnCallScheduleInput;
import dev.firebreak.workflows.oncall.OnCallScheduleWorkflow;
import dev.firebreak.workflows.oncall.OnCallShift;
import dev.firebreak.workflows.oncall.ScheduleOverride;
import dev.firebreak.workflows.oncall.ScheduleSpec;
import dev.firebreak.workflows.oncall.ShiftSwap;
import dev.firebreak.workflows.oncall.SwappedShifts;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured schedules and their workflows: who is on call is computed from the config and the
 * overrides the schedule's workflow holds, read by query at the moment of asking.
 */
public final class OnCallSchedules {

  private final WorkflowClient client;
  private final String taskQueue;
  private final Map<String, ScheduleSpec> specs = new LinkedHashMap<>();

  public OnCallSchedules(WorkflowClient client, String taskQueue, List<ScheduleSpec> specs) {
    this.client = client;
    this.taskQueue = taskQueue;
    specs.forEach(spec -> this.specs.put(spec.name(), spec));
  }

  public List<ScheduleSpec> specs() {
    return List.copyOf(specs.values());
  }

  public Optional<ScheduleSpec> spec(String name) {
    return Optional.ofNullable(specs.get(name));
  }

  /** Who {@code spec} has on call at {@code at}, overrides included. */
  public OnCallAnswer answer(ScheduleSpec spec, Instant at) {
    return new OnCallCalculator(spec, overrides(spec.name())).at(at);
  }

  public List<OnCallShift> shifts(ScheduleSpec spec, Instant from, Instant to) {
    return new OnCallCalculator(spec, overrides(spec.name())).shifts(from, to);
  }

  /**
   * The overrides the schedule's workflow holds; none when it has not been started yet (a worker
   * that never ran), so a lookup still answers from the config.
   */
  public List<ScheduleOverride> overrides(String schedule) {
    try {
      return workflow(schedule).overrides();
    } catch (WorkflowNotFoundException | WorkflowQueryException notRunning) {
      return List.of();
    }
  }

  /** Hands the override to the schedule's workflow, which validates it (see OverrideRules). */
  public ScheduleOverride override(ScheduleSpec spec, ScheduleOverride override) {
    configure(spec);
    return workflow(spec.name()).override(override);
  }

  /** Hands the swap to the schedule's workflow, which applies both overrides or neither. */
  public SwappedShifts swap(ScheduleSpec spec, ShiftSwap swap) {
    configure(spec);
    return workflow(spec.name()).swap(swap);
  }

  /** Starts the schedule's workflow if it is not running and hands it the configuration. */
  public void configure(ScheduleSpec spec) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(OnCallScheduleWorkflow.workflowId(spec.name()))
            .setTaskQueue(taskQueue)
            .setStaticSummary(
                "On-call schedule " + spec.name() + " · " + spec.layers().size() + " layer(s)")
            .build();
    client
        .newUntypedWorkflowStub(OnCallScheduleWorkflow.class.getSimpleName(), options)
        .signalWithStart(
            "configure", new Object[] {spec}, new Object[] {OnCallScheduleInput.configured(spec)});
  }

  /** The workflow ids of the schedules whose workflows are running. */
  public List<String> runningIds() {
    return OpenWorkflows.idsOfType(client, OnCallScheduleWorkflow.class.getSimpleName());
  }

  /** Tells the workflow to end; false when it was not running. */
  public boolean retire(String workflowId) {
    try {
      client.newWorkflowStub(OnCallScheduleWorkflow.class, workflowId).retire();
      return true;
    } catch (WorkflowNotFoundException gone) {
      return false;
    }
  }

  private OnCallScheduleWorkflow workflow(String schedule) {
    return client.newWorkflowStub(
        OnCallScheduleWorkflow.class, OnCallScheduleWorkflow.workflowId(schedule));
  }
}
