package dev.firebreak.workflows.playbook;

import static dev.firebreak.workflows.playbook.ActionOrders.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.rollback.Approval;
import dev.firebreak.workflows.rollback.LockDecision;
import dev.firebreak.workflows.rollback.RollbackLockWorkflow;
import dev.firebreak.workflows.rollback.RollbackLockWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackOrders;
import dev.firebreak.workflows.rollback.RollbackStatus;
import dev.firebreak.workflows.rollback.RollbackWorkflow;
import dev.firebreak.workflows.rollback.RollbackWorkflowImpl;
import dev.firebreak.workflows.rollback.ScriptedDeploys;
import dev.firebreak.workflows.rollback.StartThenClaimLocks;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code rollback} action kind: the run claims the service's rollback lock, runs the real
 * rollback workflow as its child and ends as the rollback ended.
 */
class ActionRunRollbackTest {

  private final ScriptedDeploys deploys = new ScriptedDeploys();
  private final ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
  private StartThenClaimLocks locks;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  /**
   * The worker is on {@link TaskQueue#NAME}: StartThenClaimLocks starts the lock workflow there,
   * and the rollback child runs on its parent's queue.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).setInitialTime(START).build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env) {
    this.env = env;
    diagnostics.deployments = RollbackOrders.DEPLOYS;
    locks = new StartThenClaimLocks(env.getWorkflowClient());
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(
        ActionRunWorkflowImpl.class, RollbackWorkflowImpl.class, RollbackLockWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        deploys, diagnostics, locks, new RecordingChat(), new RecordingPager());
    env.start();
    client = env.getWorkflowClient();
  }

  @Test
  void aRollbackActionRollsTheServiceBackUnderItsLockAndSucceedsOnceLiveHealthyAndVerified() {
    ActionRunView view =
        result(start(rollbackAction("k1", RollbackOrders.order("rb1", null, false, null))));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(deploys.rollbacks)
        .singleElement()
        .satisfies(c -> assertThat(c.deploymentId()).isEqualTo("dep-2"));
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .containsSubsequence(
            "Holds the rollback lock of recoup-backend; starting rollback-recoup-backend-rb1",
            "Rollback: Rolled back recoup-backend to dep-2; live and healthy (status=healthy).",
            "Rollback rollback-recoup-backend-rb1 ended SUCCEEDED");
    assertThat(view.outcome()).contains("done and verified");
    assertThat(lock().holder()).isNull();
  }

  @Test
  void aRollbackActionWhileAnotherRollbackOfTheServiceRunsFailsNamingItAndRollsNothingBack() {
    LockDecision held = locks.claim(RollbackOrders.order("other", null, false, null));
    assertThat(held.granted()).isTrue();

    ActionRunView view =
        result(start(rollbackAction("k1", RollbackOrders.order("rb1", null, false, null))));

    assertThat(view.status()).isEqualTo(ActionRunStatus.FAILED);
    assertThat(view.outcome())
        .contains("a rollback of recoup-backend is already running: rollback-recoup-backend-other")
        .contains("changed nothing");
    assertThat(deploys.rollbacks).isEmpty();
    assertThat(view.undo()).isNull();
  }

  @Test
  void aRollbackThatFailsEndsTheRunFailedWithTheRollbacksReasonAndFreesTheLock() {
    deploys.refusal = "Render refused the rollback: deploy dep-2 is gone";

    ActionRunView view =
        result(start(rollbackAction("k1", RollbackOrders.order("rb1", null, false, null))));

    assertThat(view.status()).isEqualTo(ActionRunStatus.FAILED);
    assertThat(view.outcome()).contains("FAILED").contains("deploy dep-2 is gone");
    assertThat(diagnostics.healthChecks).isEmpty();
    assertThat(lock().holder()).isNull();
  }

  @ParameterizedTest(name = "a rollback that ends {0} ends the run {1}")
  @CsvSource({
    "SUCCEEDED, SUCCEEDED",
    "UNHEALTHY, UNVERIFIED",
    "REFUSED, REFUSED",
    "EXPIRED, EXPIRED",
    "FAILED, FAILED"
  })
  void eachWayTheRollbackEndsEndsTheRunTheMatchingWay(
      RollbackStatus rollbackEnds, ActionRunStatus runEnds) {
    boolean approval =
        rollbackEnds == RollbackStatus.REFUSED || rollbackEnds == RollbackStatus.EXPIRED;
    diagnostics.healthy = rollbackEnds != RollbackStatus.UNHEALTHY;
    if (rollbackEnds == RollbackStatus.FAILED) {
      deploys.refusal = "Render refused the rollback";
    }
    ActionRunWorkflow run =
        start(rollbackAction("k1", RollbackOrders.order("rb1", null, approval, null)));
    RollbackWorkflow rollback =
        client.newWorkflowStub(RollbackWorkflow.class, "rollback-recoup-backend-rb1");
    if (rollbackEnds == RollbackStatus.REFUSED) {
      awaitRollback(rollback, RollbackStatus.AWAITING_APPROVAL);
      rollback.refuse(new Approval("bob", "not this deploy"));
    }

    ActionRunView view = result(run);

    assertThat(rollback.state().status()).isEqualTo(rollbackEnds);
    assertThat(view.status()).isEqualTo(runEnds);
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .contains("Rollback: " + rollback.state().outcome());
    assertThat(lock().holder()).isNull();
  }

  @Test
  void aRollbackWhosePolicyAsksForApprovalIsRefusedThroughTheRollbackAndTheRunEndsRefused() {
    ActionRunWorkflow run =
        start(rollbackAction("k1", RollbackOrders.order("rb1", null, true, null)));
    RollbackWorkflow rollback =
        client.newWorkflowStub(RollbackWorkflow.class, "rollback-recoup-backend-rb1");
    awaitRollback(rollback, RollbackStatus.AWAITING_APPROVAL);

    rollback.refuse(new Approval("bob", "not this deploy"));

    ActionRunView view = result(run);
    assertThat(view.status()).isEqualTo(ActionRunStatus.REFUSED);
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .anyMatch(text -> text.contains("asks for its own approval"));
    assertThat(deploys.rollbacks).isEmpty();
  }

  /** A rollback action for INC-1 asked by alice, with the rollback the caller resolved. */
  static ActionOrder rollbackAction(String key, RollbackOrder rollback) {
    ActionSpec action =
        new ActionSpec(
            "roll-back",
            "Roll back the backend",
            List.of("responder"),
            null,
            "Roll back?",
            List.of(),
            new ActionStep.Rollback(rollback.request().service()),
            List.of("recoup-backend"),
            null);
    return new ActionOrder(
        "INC-1",
        "bad-deploy",
        action,
        Map.of(),
        "bad deploy",
        "alice",
        List.of("responder"),
        List.of(ActionOrders.WEB_HEALTH),
        key,
        null,
        rollback);
  }

  private ActionRunWorkflow start(ActionOrder order) {
    ActionRunWorkflow run =
        client.newWorkflowStub(
            ActionRunWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(order.workflowId())
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(run::run, order);
    return run;
  }

  private static ActionRunView result(ActionRunWorkflow run) {
    return WorkflowStub.fromTyped(run).getResult(ActionRunView.class);
  }

  private RollbackLockWorkflow lock() {
    return client.newWorkflowStub(
        RollbackLockWorkflow.class, RollbackLockWorkflow.workflowId("recoup-backend"));
  }

  private void awaitRollback(RollbackWorkflow rollback, RollbackStatus status) {
    for (int i = 0; i < 100; i++) {
      try {
        if (rollback.state().status() == status) {
          return;
        }
      } catch (RuntimeException notStartedYet) {
        // The child starts with the run's next workflow task.
      }
      env.sleep(Duration.ofMillis(100));
    }
    throw new AssertionError("the rollback never reached " + status);
  }
}
