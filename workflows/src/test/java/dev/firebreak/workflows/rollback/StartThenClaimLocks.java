package dev.firebreak.workflows.rollback;

import io.temporal.client.WorkflowClient;

/**
 * A rollback lock activity for tests of the workflows module, which cannot see the production one
 * (the starter's {@code RollbackLocks}). It is no canned answer: it starts the service's real
 * {@link RollbackLockWorkflow} if it is not running and sends it the claim, so the lock workflow
 * decides. It takes two calls where production takes one update-with-start, which is why the race
 * between first claims is tested against the production class, not with this one.
 */
public final class StartThenClaimLocks implements RollbackLockActivities {

  private final WorkflowClient client;

  public StartThenClaimLocks(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public LockDecision claim(RollbackOrder order) {
    RollbackLockWorkflow lock =
        client.newWorkflowStub(
            RollbackLockWorkflow.class,
            RollbackLockWorkflow.startOptions(order.request().service()));
    WorkflowClient.start(lock::run, null);
    return lock.claim(LockClaim.of(order));
  }

  @Override
  public void release(RollbackOrder order) {
    client
        .newWorkflowStub(
            RollbackLockWorkflow.class, RollbackLockWorkflow.workflowId(order.request().service()))
        .release(order.request().key());
  }
}
