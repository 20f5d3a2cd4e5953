package dev.firebreak.starter.rollbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.rollback.LockDecision;
import dev.firebreak.workflows.rollback.RollbackLockWorkflow;
import dev.firebreak.workflows.rollback.RollbackLockWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackOrders;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client side of the rollback lock, as the API and the worker's lock activity use it, against
 * the real {@link RollbackLockWorkflow}. The lock's own rules are tested in the workflows module.
 */
class RollbackLocksTest {

  private WorkflowClient client;
  private RollbackLocks locks;

  /**
   * Closes the server after each test and prints the workflows' histories when one fails. The
   * worker is this class's own, on {@link TaskQueue#NAME} rather than the extension's per-test
   * queue: RollbackLocks starts the lock on that queue.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env) {
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(RollbackLockWorkflowImpl.class);
    env.start();
    client = env.getWorkflowClient();
    locks = new RollbackLocks(client);
  }

  private static RollbackOrder order(String key) {
    return RollbackOrders.order(key, null, false, null);
  }

  private RollbackLockWorkflow lock() {
    return client.newWorkflowStub(
        RollbackLockWorkflow.class, RollbackLockWorkflow.workflowId("recoup-backend"));
  }

  @Test
  void concurrentFirstClaimsStartOneLockAndExactlyOneIsGranted() {
    List<CompletableFuture<LockDecision>> claims =
        IntStream.range(0, 20)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> locks.claim(order("k" + i))))
            .toList();
    List<LockDecision> decisions = claims.stream().map(CompletableFuture::join).toList();

    assertThat(decisions).filteredOn(LockDecision::granted).hasSize(1);
    String holder =
        decisions.stream()
            .filter(LockDecision::granted)
            .findFirst()
            .orElseThrow()
            .holder()
            .workflowId();
    assertThat(decisions).allSatisfy(d -> assertThat(d.holder().workflowId()).isEqualTo(holder));
    assertThat(lock().holder().workflowId()).isEqualTo(holder);
  }

  @Test
  void aRetriedClaimIsGrantedAgainToTheSameRollback() {
    locks.claim(order("k1"));

    LockDecision again = locks.claim(order("k1"));

    assertThat(again.granted()).isTrue();
    assertThat(again.holder().workflowId()).isEqualTo("rollback-recoup-backend-k1");
  }

  @Test
  void releasingAnOrderGivesItsLockBackAndAnotherOrderMayClaimIt() {
    locks.claim(order("k1"));
    locks.release(order("k2"));
    assertThat(locks.claim(order("k2")).granted()).isFalse();

    locks.release(order("k1"));

    assertThat(locks.claim(order("k2")).granted()).isTrue();
  }
}
