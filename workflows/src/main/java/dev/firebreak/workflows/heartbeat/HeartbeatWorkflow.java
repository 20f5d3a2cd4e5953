package dev.firebreak.workflows.heartbeat;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One heartbeat for its whole life (workflow id {@code heartbeat-<name>}): a resettable durable
 * timer that goes late, then down and declares an incident when the pings stop, and resolves it
 * when they come back.
 */
@WorkflowInterface
public interface HeartbeatWorkflow {

  String PREFIX = "heartbeat-";

  static String workflowId(String heartbeat) {
    return PREFIX + heartbeat;
  }

  @WorkflowMethod
  HeartbeatView run(HeartbeatInput input);

  @SignalMethod(description = "The job pinged: success, start, failure, exit status or log")
  void ping(HeartbeatPing ping);

  @SignalMethod(description = "The configuration changed (or was confirmed) at process start")
  void configure(HeartbeatSpec spec);

  @SignalMethod(description = "The heartbeat left the configuration: finish")
  void retire();

  @UpdateMethod(description = "Pause: no deadline runs and pings are only recorded")
  HeartbeatView pause(HeartbeatCommand command);

  @UpdateValidatorMethod(updateName = "pause")
  void validatePause(HeartbeatCommand command);

  @UpdateMethod(description = "Resume: the next ping is expected one period from now")
  HeartbeatView resume(HeartbeatCommand command);

  @UpdateValidatorMethod(updateName = "resume")
  void validateResume(HeartbeatCommand command);

  @QueryMethod(description = "State, expected time, latest pings, durations and actions per day")
  HeartbeatView view();
}
