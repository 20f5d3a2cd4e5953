package dev.firebreak.workflows.rollback;

import dev.firebreak.workflows.common.TaskQueue;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * At most one rollback per service: a long-lived workflow per service that grants its lock to one
 * rollback at a time. Callers claim it with update-with-start, so the first claim starts it and
 * concurrent claims are decided one after the other by the workflow itself: race-free without any
 * visibility query, which the embedded dev server does not have. Workflow id {@code
 * rollback-lock-<service>}.
 */
@WorkflowInterface
public interface RollbackLockWorkflow {

  static String workflowId(String service) {
    return "rollback-lock-" + service;
  }

  /**
   * How a claim starts the service's lock: a start while it runs joins the running one, so every
   * claimant may start it.
   */
  static WorkflowOptions startOptions(String service) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId(service))
        .setTaskQueue(TaskQueue.NAME)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build();
  }

  /**
   * @param holder who holds the lock when the workflow continues as new; null when free
   */
  @WorkflowMethod
  void run(LockHolder holder);

  @UpdateMethod(description = "Take the service's rollback lock, or learn which rollback holds it")
  LockDecision claim(LockClaim claim);

  @UpdateValidatorMethod(updateName = "claim")
  void validateClaim(LockClaim claim);

  @SignalMethod(description = "Give the lock back; ignored unless sent by the holder")
  void release(String key);

  @QueryMethod(description = "The rollback holding the lock, or null")
  LockHolder holder();
}
