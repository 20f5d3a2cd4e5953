package dev.firebreak.workflows.rollback;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One rollback of one service: resolve the target, wait for approval if the service's policy asks
 * for it, roll back, wait until the platform serves it, verify health, report. Workflow id {@code
 * rollback-<service>-<key>}; it runs under its service's {@link RollbackLockWorkflow}, which the
 * caller claims before starting it.
 */
@WorkflowInterface
public interface RollbackWorkflow {

  String WORKFLOW_ID_PREFIX = "rollback-";

  static String workflowId(String service, String key) {
    return WORKFLOW_ID_PREFIX + service + "-" + key;
  }

  /**
   * How a workflow starts the order's rollback as its child, once it holds the service's lock: a
   * key that already rolled back never rolls back again.
   */
  static ChildWorkflowOptions childOptions(RollbackOrder order, String summary) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(order.workflowId())
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setStaticSummary(summary)
        .build();
  }

  @WorkflowMethod
  RollbackView run(RollbackOrder order);

  @UpdateMethod(description = "Approve the rollback; the requester cannot approve their own")
  RollbackView approve(Approval approval);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(Approval approval);

  @UpdateMethod(description = "Refuse the rollback; it ends without touching the service")
  RollbackView refuse(Approval approval);

  @UpdateValidatorMethod(updateName = "refuse")
  void validateRefuse(Approval approval);

  @QueryMethod(description = "Status, target, approvals, outcome and every step so far")
  RollbackView state();
}
