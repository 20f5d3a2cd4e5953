package dev.firebreak.workflows.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.maintenance.ScriptedActions;
import dev.firebreak.workflows.rollback.Approval;
import dev.firebreak.workflows.rollback.RollbackLockWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackOrders;
import dev.firebreak.workflows.rollback.RollbackWorkflowImpl;
import dev.firebreak.workflows.rollback.ScriptedDeploys;
import dev.firebreak.workflows.rollback.StartThenClaimLocks;
import dev.firebreak.workflows.webhooks.ScriptedWebhooks;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
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
 * Records the committed action-run histories that {@code CommittedHistoriesReplayTest} replays: the
 * runs an incident started (approved and verified, refused, unverified, a rollback) and the
 * incident that started them. Re-record on purpose only, with {@code ./mvnw -pl workflows test
 * -Dtest=ActionRunWorkflowReplayTest -Dfirebreak.recordHistories=true}.
 */
class ActionRunWorkflowReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories/playbook");
  private static final String PREFIX = "action-run-";

  static List<Path> committedHistories() throws IOException {
    return CommittedHistories.in(HISTORIES);
  }

  @Test
  @DisabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void historiesAreCommitted() throws IOException {
    assertThat(committedHistories())
        .extracting(path -> path.getFileName().toString())
        .allMatch(name -> name.startsWith(PREFIX))
        .hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordHistories() throws IOException {
    // Not on TestWorkflowExtension: this recorder runs only on request.
    TestEnvironmentOptions options =
        TestEnvironmentOptions.newBuilder().setInitialTime(ActionOrders.START).build();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options)) {
      ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(
          ActionRunWorkflowImpl.class,
          IncidentWorkflowImpl.class,
          RollbackWorkflowImpl.class,
          RollbackLockWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new StartThenClaimLocks(env.getWorkflowClient()),
          new RecordingPlatform(),
          new ScriptedDeploys(),
          new ScriptedActions(),
          diagnostics,
          new RecordingChat(),
          new RecordingPager());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      IncidentWorkflow incident =
          client.newWorkflowStub(
              IncidentWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(IncidentWorkflow.workflowId("INC-1"))
                  .setTaskQueue(TaskQueue.NAME)
                  .build());
      WorkflowClient.start(
          incident::run,
          IncidentInput.declared(
              IncidentPolicies.declaration("INC-1", Severity.P1), IncidentPolicies.recoup()));

      ActionRunWorkflow approved = run(client, incident, ActionOrders.approvalOrder("approved"));
      env.sleep(Duration.ofMinutes(1));
      approved.approve(new Approval("bob", "go"));
      finish(approved);
      ActionRunWorkflow refused = run(client, incident, ActionOrders.approvalOrder("refused"));
      env.sleep(Duration.ofMinutes(1));
      refused.refuse(new Approval("bob", "the database is back"));
      finish(refused);
      diagnostics.healthy = false;
      finish(
          run(client, incident, ActionOrders.order("unverified", ActionOrders.step("redeploy"))));
      env.sleep(Duration.ofSeconds(5));
      diagnostics.healthy = true;
      diagnostics.deployments = RollbackOrders.DEPLOYS;
      finish(
          run(
              client,
              incident,
              ActionRunRollbackTest.rollbackAction(
                  "rollback",
                  RollbackOrders.order("inc-1-action-rollback", null, false, "INC-1"))));
      env.sleep(Duration.ofSeconds(5));

      for (String key : new String[] {"approved", "refused", "unverified", "rollback"}) {
        CommittedHistories.save(
            client, ActionRunWorkflow.workflowId("INC-1", key), HISTORIES, PREFIX + key);
      }
      CommittedHistories.save(
          client, IncidentWorkflow.workflowId("INC-1"), HISTORIES, PREFIX + "incident");
    }
  }

  /**
   * Records only the {@code job} kind's run (the other histories stay as committed): {@code -Dtest=
   * ActionRunWorkflowReplayTest#recordJobHistory -Dfirebreak.recordHistories=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordJobHistory() throws IOException {
    recordOne("job", ActionOrders.step("job"), new ScriptedJobRuns());
  }

  /** Records only the {@code replay-webhooks} kind's run, like {@link #recordJobHistory}. */
  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordReplayWebhooksHistory() throws IOException {
    recordOne(
        "replay-webhooks",
        new ActionStep.ReplayWebhooks(
            WebhookReplayActionTest.JobSettings.JOB, "evt_0001,evt_0002,evt_9999", null),
        new ScriptedWebhooks().events(3),
        new WebhookReplayActionTest.JobSettings());
  }

  /** Runs one action with no incident to report to, and saves its history under {@code key}. */
  private static void recordOne(String key, ActionStep step, Object... activities)
      throws IOException {
    TestEnvironmentOptions options =
        TestEnvironmentOptions.newBuilder().setInitialTime(ActionOrders.START).build();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options)) {
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(ActionRunWorkflowImpl.class);
      worker.registerActivitiesImplementations(activities);
      worker.registerActivitiesImplementations(new ScriptedDiagnostics());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      ActionOrder order = ActionOrders.order(key, step);
      finish(ActionOrders.start(client, order));
      CommittedHistories.save(client, order.workflowId(), HISTORIES, PREFIX + key);
    }
  }

  private static ActionRunWorkflow run(
      WorkflowClient client, IncidentWorkflow incident, ActionOrder order) {
    incident.runAction(order);
    return client.newWorkflowStub(ActionRunWorkflow.class, order.workflowId());
  }

  private static void finish(ActionRunWorkflow run) {
    WorkflowStub.fromTyped(run).getResult(ActionRunView.class);
  }
}
