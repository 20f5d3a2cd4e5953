package dev.firebreak.starter.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.RecordingStatusPage;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.ScriptedErrorCounts;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.maintenance.MaintenanceEntry;
import dev.firebreak.workflows.maintenance.MaintenanceOrder;
import dev.firebreak.workflows.maintenance.MaintenanceOrders;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflow;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflowImpl;
import dev.firebreak.workflows.maintenance.RecordingMail;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import dev.firebreak.workflows.maintenance.ScriptedActions;
import dev.firebreak.workflows.maintenance.SilencedAlert;
import dev.firebreak.workflows.rollback.ScriptedDeploys;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RunningWindowsSilenceTest {

  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env) {
    this.env = env;
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
    client = env.getWorkflowClient();
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private RunningWindows windows() {
    return new RunningWindows(client, Clock.fixed(now(), ZoneOffset.UTC));
  }

  private SilencedAlert alert(String service) {
    return new SilencedAlert(
        "ALERT-1",
        service,
        now(),
        new AlertReceived("grafana", "fp", true, "Latency", Severity.P2, null, null, true),
        false);
  }

  @Test
  void aRunningWindowSilencesItsOwnServicesUntilItsEndPlusTheTailAndRecordsTheAlert() {
    Instant start = now().plus(Duration.ofMinutes(5));
    MaintenanceOrder order =
        MaintenanceOrders.withSilenceTail(
            MaintenanceOrders.order("MW-R", start, List.of()), Duration.ofMinutes(20));
    MaintenanceWindowWorkflow window =
        client.newWorkflowStub(
            MaintenanceWindowWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(order.workflowId())
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(window::run, order);

    assertThat(windows().silence(alert("recoup-backend"))).as("scheduled, not running").isNull();
    env.sleep(Duration.ofMinutes(6));

    assertThat(windows().silence(alert("recoup-backend")))
        .isEqualTo(start.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(20)));
    assertThat(windows().silence(alert("talk-to-my-lawyer"))).as("not its service").isNull();
    assertThat(window.timeline()).extracting(MaintenanceEntry::kind).containsOnlyOnce("silenced");
  }
}
