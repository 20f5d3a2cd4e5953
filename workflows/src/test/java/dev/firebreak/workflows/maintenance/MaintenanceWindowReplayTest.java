package dev.firebreak.workflows.maintenance;

import static dev.firebreak.workflows.maintenance.MaintenanceOrders.DEPLOYED_DURING_WINDOW;
import static dev.firebreak.workflows.maintenance.MaintenanceOrders.manual;
import static dev.firebreak.workflows.maintenance.MaintenanceOrders.order;
import static dev.firebreak.workflows.maintenance.MaintenanceOrders.step;
import static dev.firebreak.workflows.maintenance.MaintenanceOrders.stepWithSecret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.RecordingStatusPage;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.ScriptedErrorCounts;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.rollback.RollbackLockWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackOrders;
import dev.firebreak.workflows.rollback.RollbackWorkflowImpl;
import dev.firebreak.workflows.rollback.ScriptedDeploys;
import dev.firebreak.workflows.rollback.StartThenClaimLocks;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the committed maintenance-window histories that {@code CommittedHistoriesReplayTest}
 * replays. Re-record on purpose only, with {@code ./mvnw -pl workflows test
 * -Dtest=MaintenanceWindowReplayTest -Dfirebreak.recordHistories=true}. Recording adds the
 * histories not committed yet and keeps the others, which prove that a {@code getVersion} guard
 * still replays (e.g. {@code completed-extended-confirmed} for {@code statuspage-extend}).
 */
class MaintenanceWindowReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories/maintenance");

  static List<Path> committedHistories() throws IOException {
    return CommittedHistories.in(HISTORIES);
  }

  @Test
  @DisabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void historiesAreCommitted() throws IOException {
    assertThat(committedHistories()).hasSizeGreaterThanOrEqualTo(9);
  }

  /**
   * Records only the silence's history ({@code -Dfirebreak.recordHistories=silence}), so the
   * histories pinning the branch before it keep the version they were recorded at.
   */
  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "silence")
  void recordSilenceHistory() throws IOException {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(
          MaintenanceWindowWorkflowImpl.class, IncidentWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new ScriptedDiagnostics(),
          new ScriptedDeploys(),
          new ScriptedActions(),
          new RecordingChat(),
          new RecordingMail(),
          new RecordingStatusPage(),
          new RecordingPager(),
          new ScriptedErrorCounts(),
          new RecordingNotices());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      Instant start = soon(env);
      MaintenanceWindowWorkflow window =
          start(
              client,
              MaintenanceOrders.withSilenceTail(
                  order("MW-silenced", start, List.of(step("apply"))), Duration.ofMinutes(30)));
      env.sleep(
          Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), start).plusMinutes(1));
      Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
      for (String id : List.of("INC-silenced-1", "INC-silenced-2")) {
        window.recordSilenced(
            new SilencedAlert(
                id,
                "recoup-backend",
                now,
                new AlertReceived(
                    "alertmanager", id, true, "Errors above 5 %", Severity.P2, null, null, true),
                false));
      }
      window.recordSilenced(
          new SilencedAlert(
              "INC-silenced-2",
              "recoup-backend",
              now,
              new AlertReceived(
                  "alertmanager",
                  "INC-silenced-2",
                  false,
                  "Errors above 5 %",
                  Severity.P2,
                  null,
                  null,
                  true),
              false));
      finish(window);
      CommittedHistories.save(
          client,
          MaintenanceWindowWorkflow.workflowId("MW-silenced"),
          HISTORIES,
          "silenced-alert-declared-after-tail");
    }
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
      ScriptedActions actions = new ScriptedActions();
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(
          MaintenanceWindowWorkflowImpl.class,
          IncidentWorkflowImpl.class,
          RollbackWorkflowImpl.class,
          RollbackLockWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          diagnostics,
          new ScriptedDeploys(),
          actions,
          new RecordingChat(),
          new RecordingMail(),
          new RecordingStatusPage(),
          new RecordingPager(),
          new ScriptedErrorCounts(),
          new StartThenClaimLocks(env.getWorkflowClient()));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      Instant now = Instant.ofEpochMilli(env.currentTimeMillis());

      MaintenanceWindowWorkflow completed =
          start(
              client,
              order(
                  "MW-completed",
                  now.plus(Duration.ofHours(30)),
                  now.plus(Duration.ofHours(30)).plus(Duration.ofMinutes(10)),
                  List.of(manual("swap-database"))));
      env.sleep(Duration.ofHours(30).plusMinutes(1));
      completed.extend(new Extension("bob", now.plus(Duration.ofHours(32)), "monitoring"));
      completed.confirmStep(new StepConfirmation("bob", "swap-database", false, "done"));
      completed.recordIncident(
          new IncidentNotice("INC-20261123-1", "P1", "Checkout down", "recoup-backend"));
      finish(completed);
      CommittedHistories.save(
          client,
          MaintenanceWindowWorkflow.workflowId("MW-completed"),
          HISTORIES,
          "completed-extended-confirmed");

      actions.failing.add("test-payment-processing");
      finish(start(client, order("MW-failed", soon(env), List.of(step("apply")))));
      CommittedHistories.save(
          client,
          MaintenanceWindowWorkflow.workflowId("MW-failed"),
          HISTORIES,
          "post-check-failed-rollback-incident");
      finish(start(client, order("MW-locked", soon(env), List.of(step("apply")))));
      CommittedHistories.save(
          client,
          MaintenanceWindowWorkflow.workflowId("MW-locked"),
          HISTORIES,
          "post-check-failed-locked-rollback");
      actions.failing.clear();

      MaintenanceWindowWorkflow aborted =
          start(client, order("MW-aborted", soon(env), List.of(manual("swap-database"))));
      env.sleep(Duration.ofMinutes(6));
      aborted.abort(new Abort("bob", "vendor outage"));
      finish(aborted);
      CommittedHistories.save(
          client,
          MaintenanceWindowWorkflow.workflowId("MW-aborted"),
          HISTORIES,
          "aborted-during-steps");

      Instant start = soon(env);
      MaintenanceWindowWorkflow rescheduled =
          start(
              client,
              order(
                  "MW-rescheduled",
                  start,
                  start.plus(Duration.ofMinutes(10)),
                  List.of(step("apply"))));
      env.sleep(Duration.ofMinutes(1));
      rescheduled.extend(
          new Extension("bob", start.plus(Duration.ofHours(1)), "vendor asked for more time"));
      finish(rescheduled);
      CommittedHistories.save(
          client,
          MaintenanceWindowWorkflow.workflowId("MW-rescheduled"),
          HISTORIES,
          "extended-statuspage-rescheduled");

      Instant later = soon(env);
      MaintenanceWindowWorkflow answeredFirst =
          start(
              client,
              order(
                  "MW-answered-first",
                  later,
                  later.plus(Duration.ofMinutes(10)),
                  List.of(step("apply"))));
      env.sleep(Duration.ofMinutes(1));
      answeredFirst.extend(
          new Extension("bob", later.plus(Duration.ofHours(1)), "telling runs in the background"));
      answeredFirst.extend(new Extension("bob", later.plus(Duration.ofHours(2)), "and again"));
      finish(answeredFirst);
      CommittedHistories.save(
          client,
          MaintenanceWindowWorkflow.workflowId("MW-answered-first"),
          HISTORIES,
          "extended-twice-answered-first");

      finish(
          start(
              client,
              order(
                  "MW-secret-unset", soon(env), List.of(stepWithSecret("apply", "DEPLOY_TOKEN")))));
      CommittedHistories.save(
          client,
          MaintenanceWindowWorkflow.workflowId("MW-secret-unset"),
          HISTORIES,
          "step-secret-unset-called-off");

      actions.failing.add("test-payment-processing");
      finish(start(client, order("MW-nothing-deployed", soon(env), List.of(step("apply")))));
      CommittedHistories.save(
          client,
          MaintenanceWindowWorkflow.workflowId("MW-nothing-deployed"),
          HISTORIES,
          "post-check-failed-nothing-to-roll-back");
      actions.effects.put("apply", () -> diagnostics.deployments = DEPLOYED_DURING_WINDOW);
      finish(start(client, order("MW-deployed", soon(env), List.of(step("apply")))));
      CommittedHistories.save(
          client,
          MaintenanceWindowWorkflow.workflowId("MW-deployed"),
          HISTORIES,
          "post-check-failed-rolls-back-deploy-made-during-window");
    }
  }

  private static Instant soon(TestWorkflowEnvironment env) {
    return Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofMinutes(5));
  }

  private static MaintenanceWindowWorkflow start(WorkflowClient client, MaintenanceOrder order) {
    MaintenanceWindowWorkflow window =
        client.newWorkflowStub(
            MaintenanceWindowWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(order.workflowId())
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(window::run, order);
    return window;
  }

  private static void finish(MaintenanceWindowWorkflow window) {
    WorkflowStub.fromTyped(window).getResult(MaintenanceView.class);
  }
}
