package dev.firebreak.workflows.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the committed rollback and rollback-lock histories that {@code
 * CommittedHistoriesReplayTest} replays. Re-record on purpose only, with {@code ./mvnw -pl
 * workflows test -Dtest=RollbackWorkflowReplayTest -Dfirebreak.recordHistories=true}.
 */
class RollbackWorkflowReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories/rollback");
  private static final String LOCK_PREFIX = "lock-";

  static List<Path> committedHistories() throws IOException {
    return CommittedHistories.in(HISTORIES);
  }

  @Test
  @DisabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void historiesAreCommitted() throws IOException {
    assertThat(committedHistories()).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordHistories() throws IOException {
    // Not on TestWorkflowExtension: this recorder runs only on request, and the extension would
    // start
    // a server for every replay test of the class as well.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
      diagnostics.deployments = RollbackOrders.DEPLOYS;
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(
          RollbackWorkflowImpl.class, RollbackLockWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          diagnostics, new ScriptedDeploys(), new RecordingChat());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      RollbackLockWorkflow lock =
          client.newWorkflowStub(
              RollbackLockWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(RollbackLockWorkflow.workflowId("recoup-backend"))
                  .setTaskQueue(TaskQueue.NAME)
                  .build());
      WorkflowClient.start(lock::run, null);

      lock.claim(
          new LockClaim("succeeded", "rollback-recoup-backend-succeeded", Duration.ofHours(1)));
      finish(start(client, RollbackOrders.order("succeeded", null, false, null)));
      lock.claim(
          new LockClaim("approved", "rollback-recoup-backend-approved", Duration.ofHours(1)));
      RollbackWorkflow approved = start(client, RollbackOrders.order("approved", null, true, null));
      env.sleep(Duration.ofMinutes(1));
      approved.approve(new Approval("bob", "go"));
      finish(approved);
      // Since rollback-chat, a rollback with a channel asks for its approval there and posts its
      // outcome.
      lock.claim(
          new LockClaim(
              "approved-in-chat", "rollback-recoup-backend-approved-in-chat", Duration.ofHours(1)));
      RollbackWorkflow inChat =
          start(client, RollbackOrders.order("approved-in-chat", null, true, null));
      env.sleep(Duration.ofMinutes(1));
      inChat.approve(new Approval("bob", "go"));
      finish(inChat);
      lock.claim(
          new LockClaim("expired", "rollback-recoup-backend-expired", Duration.ofMinutes(10)));
      env.sleep(Duration.ofMinutes(11));
      diagnostics.healthy = false;
      finish(start(client, RollbackOrders.order("unhealthy", null, false, null)));
      for (String key : new String[] {"succeeded", "approved", "approved-in-chat", "unhealthy"}) {
        CommittedHistories.save(
            client, RollbackWorkflow.workflowId("recoup-backend", key), HISTORIES, key);
      }
      CommittedHistories.save(
          client,
          RollbackLockWorkflow.workflowId("recoup-backend"),
          HISTORIES,
          LOCK_PREFIX + "claims-releases-lease");
    }
  }

  private static RollbackWorkflow start(WorkflowClient client, RollbackOrder order) {
    RollbackWorkflow rollback =
        client.newWorkflowStub(
            RollbackWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(order.workflowId())
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(rollback::run, order);
    return rollback;
  }

  private static void finish(RollbackWorkflow rollback) {
    WorkflowStub.fromTyped(rollback).getResult(RollbackView.class);
  }
}
