package dev.firebreak.workflows.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RollbackLockWorkflowTest {

  private static final String QUEUE = "firebreak";
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RollbackLockWorkflowImpl.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  /** As the API claims: update-with-start, so the first claim also starts the lock. */
  private LockDecision claim(String key) {
    RollbackLockWorkflow lock = client.newWorkflowStub(RollbackLockWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(RollbackLockWorkflow.workflowId("svc")).setTaskQueue(QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING).build());
    return WorkflowClient.executeUpdateWithStart(lock::claim,
        new LockClaim(key, RollbackWorkflow.workflowId("svc", key), Duration.ofMinutes(10)),
        UpdateOptions.<LockDecision>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
        new WithStartWorkflowOperation<>(lock::run, null));
  }

  private RollbackLockWorkflow lock() {
    return client.newWorkflowStub(RollbackLockWorkflow.class, RollbackLockWorkflow.workflowId("svc"));
  }

  @Test
  void concurrentClaimsWithDifferentKeysGrantExactlyOne() {
    List<CompletableFuture<LockDecision>> claims = IntStream.range(0, 20)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> claim("k" + i))).toList();
    List<LockDecision> decisions = claims.stream().map(CompletableFuture::join).toList();

    assertThat(decisions).filteredOn(LockDecision::granted).hasSize(1);
    String holder = decisions.stream().filter(LockDecision::granted).findFirst().orElseThrow().holder().workflowId();
    assertThat(decisions).allSatisfy(d -> assertThat(d.holder().workflowId()).isEqualTo(holder));
  }

  @Test
  void theHoldersKeyIsGrantedAgain() {
    claim("k1");

    LockDecision again = claim("k1");

    assertThat(again.granted()).isTrue();
    assertThat(again.holder().workflowId()).isEqualTo("rollback-svc-k1");
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
    env.sleep(Duration.ofMinutes(11));

    assertThat(lock().holder()).isNull();
    assertThat(claim("k2").granted()).isTrue();
  }
}
