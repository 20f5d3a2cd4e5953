package dev.firebreak.workflows.rollback;

import dev.firebreak.workflows.common.TaskQueue;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;

/**
 * The client side of {@link RollbackLockWorkflow}, shared by the API and, as the activity
 * implementation, by workflows. It holds a {@link WorkflowClient}, so workflow code never calls it
 * directly. A claim is an update-with-start: the first claim starts the service's lock and
 * concurrent claims are decided by it one at a time, on any server (no visibility query involved).
 */
public final class RollbackLocks implements RollbackLockActivities {

  private final WorkflowClient client;

  public RollbackLocks(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public LockDecision claim(RollbackOrder order) {
    RollbackLockWorkflow lock =
        client.newWorkflowStub(
            RollbackLockWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RollbackLockWorkflow.workflowId(order.request().service()))
                .setTaskQueue(TaskQueue.NAME)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    return WorkflowClient.executeUpdateWithStart(
        lock::claim,
        new LockClaim(order.request().key(), order.workflowId(), order.policy().longestRun()),
        UpdateOptions.<LockDecision>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(lock::run, null));
  }

  @Override
  public void release(RollbackOrder order) {
    client
        .newWorkflowStub(
            RollbackLockWorkflow.class, RollbackLockWorkflow.workflowId(order.request().service()))
        .release(order.request().key());
  }
}
