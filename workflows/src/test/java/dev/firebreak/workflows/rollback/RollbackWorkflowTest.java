package dev.firebreak.workflows.rollback;

import static dev.firebreak.workflows.rollback.RollbackOrders.DEPLOYS;
import static dev.firebreak.workflows.rollback.RollbackOrders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.TimelineEntry;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RollbackWorkflowTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;
  private final ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
  private final ScriptedDeploys deploys = new ScriptedDeploys();
  private final RecordingChat chat = new RecordingChat();

  /**
   * A server, worker and task queue of its own for each test; prints the workflows' histories when
   * one fails.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(
              RollbackWorkflowImpl.class,
              RollbackLockWorkflowImpl.class,
              IncidentWorkflowImpl.class)
          .setActivityImplementations(
              new RecordingNotices(), diagnostics, deploys, chat, new RecordingPager())
          .build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    diagnostics.deployments = DEPLOYS;
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  private RollbackWorkflow start(RollbackOrder order) {
    RollbackWorkflow rollback =
        client.newWorkflowStub(
            RollbackWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(order.workflowId())
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(rollback::run, order);
    return rollback;
  }

  private static RollbackView result(RollbackWorkflow rollback) {
    return WorkflowStub.fromTyped(rollback).getResult(RollbackView.class);
  }

  @Test
  void rollsBackToThePreviousSuccessfulDeploySkippingAFailedBuild() {
    RollbackView view = result(start(order("k1", null, false, null)));

    assertThat(view.status()).isEqualTo(RollbackStatus.SUCCEEDED);
    assertThat(view.fromDeployment()).isEqualTo("dep-4");
    assertThat(view.toDeployment()).isEqualTo("dep-2");
    assertThat(deploys.rollbacks)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.deploymentId()).isEqualTo("dep-2");
              assertThat(c.commit()).isEqualTo("bbbb");
              assertThat(c.workflowId()).isEqualTo("rollback-recoup-backend-k1");
            });
    assertThat(deploys.checks)
        .singleElement()
        .satisfies(c -> assertThat(c.rollbackRef()).isEqualTo("ref-dep-2"));
    assertThat(view.outcome())
        .isEqualTo("Rolled back recoup-backend to dep-2; live and healthy (status=healthy).");
  }

  @Test
  void rollsBackToTheNamedDeploy() {
    RollbackView view = result(start(order("k1", "dep-1", false, null)));

    assertThat(view.status()).isEqualTo(RollbackStatus.SUCCEEDED);
    assertThat(deploys.rollbacks)
        .extracting(RollbackCommand::deploymentId)
        .containsExactly("dep-1");
  }

  @Test
  void aFailedOrUnknownNamedDeployIsNeverRolledBackTo() {
    RollbackView failedBuild = result(start(order("k1", "dep-3", false, null)));
    RollbackView unknown = result(start(order("k2", "dep-9", false, null)));

    assertThat(failedBuild.status()).isEqualTo(RollbackStatus.FAILED);
    assertThat(failedBuild.outcome()).contains("dep-3 is build_failed");
    assertThat(unknown.outcome()).contains("dep-9 is not among the last 4 production deploys");
    assertThat(deploys.rollbacks).isEmpty();
  }

  @Test
  void approvedBySomeoneElseRollsBack() {
    RollbackWorkflow rollback = start(order("k1", null, true, null));
    awaitStatus(rollback, RollbackStatus.AWAITING_APPROVAL);
    assertThat(deploys.rollbacks).isEmpty();

    RollbackView approved = rollback.approve(new Approval("bob", "go"));

    assertThat(approved.approvedBy()).isEqualTo("bob");
    assertThat(result(rollback).status()).isEqualTo(RollbackStatus.SUCCEEDED);
    assertThat(deploys.rollbacks).hasSize(1);
  }

  @Test
  void theApprovalIsAskedForInChatWithTheRollbackToDecideOnAndTheOutcomeIsPostedThere() {
    RollbackWorkflow rollback = start(order("k1", null, true, null));
    awaitStatus(rollback, RollbackStatus.AWAITING_APPROVAL);

    rollback.approve(new Approval("bob", "go"));
    result(rollback);

    assertThat(chat.approvals)
        .singleElement()
        .satisfies(
            asked -> {
              assertThat(asked.channel()).isEqualTo("#incidents");
              assertThat(asked.subjectId()).isEqualTo("recoup-backend-k1");
              assertThat(asked.key()).isEqualTo("rollback-recoup-backend-k1/approval");
              assertThat(asked.text())
                  .contains("Approve rolling back recoup-backend?")
                  .contains("alice asks to roll it back to dep-2")
                  .contains("Anyone but alice")
                  .contains("may decide within 30m;")
                  .doesNotContain("PT");
            });
    assertThat(result(rollback).steps())
        .anyMatch(step -> step.text().contains("Waiting up to 30m for approval"));
    assertThat(chat.posts)
        .singleElement()
        .satisfies(
            posted -> {
              assertThat(posted.channel()).isEqualTo("#incidents");
              assertThat(posted.text())
                  .isEqualTo(
                      "Rolled back recoup-backend to dep-2; live and healthy (status=healthy).");
            });
  }

  @Test
  void theRequesterCannotApproveTheirOwnRollback() {
    RollbackWorkflow rollback = start(order("k1", null, true, null));
    awaitStatus(rollback, RollbackStatus.AWAITING_APPROVAL);

    assertThatThrownBy(() -> rollback.approve(new Approval("alice", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("alice requested this rollback and cannot approve it");
    assertThat(rollback.state().status()).isEqualTo(RollbackStatus.AWAITING_APPROVAL);
  }

  @Test
  void refusedRollbackChangesNothing() {
    RollbackWorkflow rollback = start(order("k1", null, true, null));
    awaitStatus(rollback, RollbackStatus.AWAITING_APPROVAL);

    rollback.refuse(new Approval("bob", "not now"));

    RollbackView view = result(rollback);
    assertThat(view.status()).isEqualTo(RollbackStatus.REFUSED);
    assertThat(view.refusedBy()).isEqualTo("bob");
    assertThat(deploys.rollbacks).isEmpty();
  }

  @Test
  void unapprovedRollbackExpiresAtTheDeadline() {
    RollbackWorkflow rollback = start(order("k1", null, true, null));
    env.sleep(Duration.ofMinutes(29));
    assertThat(rollback.state().status()).isEqualTo(RollbackStatus.AWAITING_APPROVAL);
    env.sleep(Duration.ofMinutes(2));

    RollbackView view = result(rollback);
    assertThat(view.status()).isEqualTo(RollbackStatus.EXPIRED);
    assertThat(view.outcome()).contains("nobody approved it within 30m");
    assertThat(deploys.rollbacks).isEmpty();
  }

  @Test
  void healthThatDoesNotRecoverIsSaidLoudlyAndTheRollbackStays() {
    diagnostics.healthy = false;

    RollbackView view = result(start(order("k1", null, false, null)));

    assertThat(view.status()).isEqualTo(RollbackStatus.UNHEALTHY);
    assertThat(view.outcome())
        .startsWith("🚨")
        .contains("STILL UNHEALTHY after 3 checks (database=error)");
    assertThat(diagnostics.healthChecks).hasSize(3);
    assertThat(deploys.rollbacks).hasSize(1);
  }

  @Test
  void platformRefusingTheRollbackFailsItLoudly() {
    deploys.refusal = "Render answered HTTP 404: deploy not found";

    RollbackView view = result(start(order("k1", null, false, null)));

    assertThat(view.status()).isEqualTo(RollbackStatus.FAILED);
    assertThat(view.outcome())
        .startsWith(
            "🚨 Rollback of recoup-backend FAILED: Render answered HTTP 404: deploy not found");
    assertThat(diagnostics.healthChecks).isEmpty();
  }

  @Test
  void theEndOfARollbackGivesTheServiceLockBack() {
    RollbackLockWorkflow lock = claimLock("k1");

    result(start(order("k1", null, false, null)));

    assertThat(lock.holder()).isNull();
  }

  @Test
  void anIncidentStartsARollbackAsAChildAndRecordsItsOutcome() {
    IncidentWorkflow incident =
        client.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId("INC-9"))
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(
        incident::run,
        IncidentInput.declared(
            IncidentPolicies.declaration("INC-9", Severity.P1), IncidentPolicies.recoup()));

    incident.rollback(order("inc-9-r1", null, false, "INC-9"));
    RollbackView view =
        result(client.newWorkflowStub(RollbackWorkflow.class, "rollback-recoup-backend-inc-9-r1"));
    env.sleep(Duration.ofSeconds(1));

    assertThat(view.status()).isEqualTo(RollbackStatus.SUCCEEDED);
    assertThat(incident.timeline())
        .extracting(TimelineEntry::kind)
        .contains("rollback-requested", "rollback");
    assertThat(incident.timeline())
        .filteredOn(e -> e.kind().equals("rollback"))
        .singleElement()
        .satisfies(e -> assertThat(e.text()).contains("Rolled back recoup-backend to dep-2"));
    assertThat(chat.texts()).anyMatch(t -> t.startsWith("⏪ Rolled back recoup-backend to dep-2"));
  }

  private RollbackLockWorkflow claimLock(String key) {
    RollbackLockWorkflow lock =
        client.newWorkflowStub(
            RollbackLockWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RollbackLockWorkflow.workflowId("recoup-backend"))
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(lock::run, null);
    assertThat(
            lock.claim(
                    new LockClaim(
                        key,
                        RollbackWorkflow.workflowId("recoup-backend", key),
                        Duration.ofHours(1)))
                .granted())
        .isTrue();
    return lock;
  }

  private void awaitStatus(RollbackWorkflow rollback, RollbackStatus status) {
    for (int i = 0; i < 100 && rollback.state().status() != status; i++) {
      env.sleep(Duration.ofMillis(100));
    }
    assertThat(rollback.state().status()).isEqualTo(status);
  }
}
