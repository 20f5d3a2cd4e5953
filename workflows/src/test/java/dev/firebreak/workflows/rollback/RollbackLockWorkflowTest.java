package dev.firebreak.workflows.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.TaskQueue;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RollbackLockWorkflowTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  /**
   * Closes the server after each test and prints the workflows' histories when one fails. The
   * worker is this class's own, on {@link TaskQueue#NAME} rather than the extension's per-test
   * queue: the lock is started on that queue. The race between first claims, which production
   * settles with update-with-start, is tested with the starter's RollbackLocks (RollbackLocksTest).
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env) {
    this.env = env;
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(RollbackLockWorkflowImpl.class);
    env.start();
    client = env.getWorkflowClient();
  }

  /** Claims through the real lock workflow, starting it on the first claim. */
  private LockDecision claim(String key) {
    return new StartThenClaimLocks(client).claim(RollbackOrders.order(key, null, false, null));
  }

  private RollbackLockWorkflow lock() {
    return client.newWorkflowStub(
        RollbackLockWorkflow.class, RollbackLockWorkflow.workflowId("recoup-backend"));
  }

  @Test
  void theHoldersKeyIsGrantedAgain() {
    claim("k1");

    LockDecision again = claim("k1");

    assertThat(again.granted()).isTrue();
    assertThat(again.holder().workflowId()).isEqualTo("rollback-recoup-backend-k1");
  }

  @Test
  void releaseByTheHolderFreesTheLockAndOthersAreIgnored() {
    claim("k1");
    lock().release("k2");
    assertThat(claim("k2").granted()).isFalse();

    lock().release("k1");

    assertThat(claim("k2").granted()).isTrue();
  }

  @Test
  void aLeaseThatEndsWithoutAReleaseFreesTheLock() {
    claim("k1");
    env.sleep(RollbackOrders.policy(false).longestRun().plusMinutes(1));

    assertThat(lock().holder()).isNull();
    assertThat(claim("k2").granted()).isTrue();
  }
}
