package dev.firebreak.starter.rollbacks;

import dev.firebreak.workflows.rollback.LockClaim;
import dev.firebreak.workflows.rollback.LockDecision;
import dev.firebreak.workflows.rollback.RollbackLockActivities;
import dev.firebreak.workflows.rollback.RollbackLockWorkflow;
import dev.firebreak.workflows.rollback.RollbackOrder;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateStage;

/**
 * The client side of {@link RollbackLockWorkflow}, shared by the API and, as the activity
 * implementation, by workflows. It holds a {@link WorkflowClient}, which is why it lives with the
 * API that starts and talks to workflows, not in the workflows module: workflow code only sees
 * {@link RollbackLockActivities}, and the worker registers this class as its implementation. A
 * claim is an update-with-start: the first claim starts the service's lock and concurrent claims
 * are decided by it one at a time, on any server (no visibility query involved).
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
            RollbackLockWorkflow.startOptions(order.request().service()));
    return WorkflowClient.executeUpdateWithStart(
        lock::claim,
        LockClaim.of(order),
        UpdateOptions.<LockDecision>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(lock::run, null));
  }

  @Override
  public void release(RollbackOrder order) {
    release(order.request().service(), order.request().key());
  }

  /**
   * Gives the service's lock back if the rollback of that key holds it; otherwise changes nothing.
   */
  public void release(String service, String key) {
    client
        .newWorkflowStub(RollbackLockWorkflow.class, RollbackLockWorkflow.workflowId(service))
        .release(key);
  }
}
