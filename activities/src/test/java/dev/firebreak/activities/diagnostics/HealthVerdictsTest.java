package dev.firebreak.activities.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.activities.fakes.FakeHealthEndpoint;
import dev.firebreak.activities.fakes.IdleClosingServer;
import dev.firebreak.activities.fakes.IdleClosingServer.Close;
import dev.firebreak.activities.health.HealthConfirmation;
import dev.firebreak.activities.health.HttpHealthChecker;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.statuspage.StatusPageReader;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.Acknowledgement;
import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.RecordingStatusPage;
import dev.firebreak.workflows.incident.Resolution;
import dev.firebreak.workflows.incident.ScriptedErrorCounts;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.TimelineEntry;
import dev.firebreak.workflows.maintenance.MaintenanceEntry;
import dev.firebreak.workflows.maintenance.MaintenanceOrder;
import dev.firebreak.workflows.maintenance.MaintenanceOrders;
import dev.firebreak.workflows.maintenance.MaintenanceStatus;
import dev.firebreak.workflows.maintenance.MaintenanceView;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflow;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflowImpl;
import dev.firebreak.workflows.maintenance.RecordingMail;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import dev.firebreak.workflows.maintenance.ScriptedActions;
import dev.firebreak.workflows.rollback.RollbackLockWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackWorkflowImpl;
import dev.firebreak.workflows.rollback.ScriptedDeploys;
import dev.firebreak.workflows.rollback.StartThenClaimLocks;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The verdicts a health check drives (refuse a resolve, reopen an incident, fail a maintenance
 * window and roll back) against the real health checker and a service whose health endpoint blips
 * once, stays down, or closes idle connections: only a confirmed failure changes anything.
 */
class HealthVerdictsTest {

  private static final HealthConfirmation TWO_CHECKS =
      new HealthConfirmation(2, Duration.ofMillis(50));

  private final FakeHealthEndpoint endpoint = new FakeHealthEndpoint();
  private final HttpTransport transport = HttpTransport.withCallDeadlinesOnly();
  private final ScriptedDeploys deploys = new ScriptedDeploys();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(
        IncidentWorkflowImpl.class,
        MaintenanceWindowWorkflowImpl.class,
        RollbackWorkflowImpl.class,
        RollbackLockWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RecordingNotices(),
        new DiagnosticsActivitiesImpl(
            new HttpHealthChecker(transport, TWO_CHECKS),
            new StatusPageReader(transport, Duration.ofSeconds(1)),
            List.of()),
        new RecordingChat(),
        new RecordingPager(),
        new RecordingStatusPage(),
        new RecordingMail(),
        new ScriptedActions(),
        new ScriptedErrorCounts(),
        deploys,
        new StartThenClaimLocks(env.getWorkflowClient()));
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
    endpoint.close();
  }

  private IncidentWorkflow declareAcknowledged(String id, String healthUrl) {
    IncidentWorkflow incident =
        client.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId(id))
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(
        incident::run,
        IncidentInput.declared(
            IncidentPolicies.declaration(id, Severity.P1),
            IncidentPolicies.recoupCheckingHealthAt(healthUrl)));
    incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofMinutes(1));
    return incident;
  }

  private MaintenanceView runWindow(String id) {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    MaintenanceOrder order =
        MaintenanceOrders.orderCheckingHealthAt(
            id,
            now.plus(Duration.ofMinutes(5)),
            List.of(MaintenanceOrders.step("apply")),
            endpoint.url());
    MaintenanceWindowWorkflow window =
        client.newWorkflowStub(
            MaintenanceWindowWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(order.workflowId())
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(window::run, order);
    return WorkflowStub.fromTyped(window).getResult(MaintenanceView.class);
  }

  @Test
  void resolveSucceedsWhenOneHealthCheckFailsAndTheRecheckPasses() {
    IncidentWorkflow incident = declareAcknowledged("INC-H1", endpoint.url());
    endpoint.faults().failNext(1, 503);
    int before = endpoint.requests().size();

    IncidentView view = incident.resolve(new Resolution("bob", "fixed", null));

    assertThat(view.status()).isEqualTo(IncidentStatus.MONITORING);
    assertThat(endpoint.requests().size() - before)
        .as("the failed check and its recheck")
        .isEqualTo(2);
  }

  @Test
  void resolveIsRefusedWhenEveryCheckOfTheConfirmationFails() {
    IncidentWorkflow incident = declareAcknowledged("INC-H2", endpoint.url());
    endpoint.down();
    int before = endpoint.requests().size();

    assertThatThrownBy(() -> incident.resolve(new Resolution("bob", "fixed", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("health checks failing");
    assertThat(endpoint.requests().size() - before)
        .as("the failed check and its recheck")
        .isEqualTo(2);
    assertThat(incident.state().timeline())
        .extracting(TimelineEntry::kind)
        .contains("resolve-refused");
  }

  @ParameterizedTest(name = "after a {0} close")
  @EnumSource(Close.class)
  void resolveIsNotRefusedBecauseTheServiceClosedAnIdleConnection(Close close) throws Exception {
    try (IdleClosingServer jetty = new IdleClosingServer(Duration.ofMillis(150), close)) {
      IncidentWorkflow incident = declareAcknowledged("INC-H3-" + close, jetty.url("/health"));
      jetty.awaitIdleClosed(jetty.connections());

      IncidentView view = incident.resolve(new Resolution("bob", "fixed", null));

      assertThat(view.status()).isEqualTo(IncidentStatus.MONITORING);
      assertThat(view.timeline()).extracting(TimelineEntry::kind).doesNotContain("resolve-refused");
    }
  }

  @Test
  void oneFailedCheckDuringMonitoringDoesNotReopenTheIncident() {
    IncidentWorkflow incident = declareAcknowledged("INC-H4", endpoint.url());
    incident.resolve(new Resolution("bob", "fixed", null));
    env.sleep(Duration.ofSeconds(30));
    endpoint.faults().failNext(1, 503);

    env.sleep(Duration.ofMinutes(2));

    IncidentView view = incident.state();
    assertThat(view.status()).isEqualTo(IncidentStatus.MONITORING);
    assertThat(view.resolvedAt()).isNotNull();
  }

  @Test
  void oneFailedCheckDoesNotFailAMaintenanceWindow() {
    endpoint.faults().failNext(1, 503);

    MaintenanceView view = runWindow("MW-H1");

    assertThat(view.status()).isEqualTo(MaintenanceStatus.COMPLETED);
    assertThat(view.timeline())
        .extracting(MaintenanceEntry::text)
        .anyMatch(t -> t.contains("(on check 2; check 1 was unhealthy"));
    assertThat(deploys.rollbacks).isEmpty();
  }

  @Test
  void aConfirmedFailureStillFailsTheMaintenanceWindow() {
    endpoint.down();

    MaintenanceView view = runWindow("MW-H2");

    assertThat(view.status()).isEqualTo(MaintenanceStatus.FAILED);
    assertThat(view.outcome()).contains("recoup-backend is unhealthy (db=down)");
  }
}
