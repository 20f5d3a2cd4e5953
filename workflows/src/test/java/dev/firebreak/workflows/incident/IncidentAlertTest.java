package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Incidents opened by an alert: what repeats, resolutions and late firings do to them. */
class IncidentAlertTest {

  private static final String ID = "ALERT-0123456789ab";

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;
  private final RecordingChat chat = new RecordingChat();
  private final RecordingPager pager = new RecordingPager();
  private final ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();

  /**
   * A server, worker and task queue of its own for each test; prints the workflows' histories when
   * one fails.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(IncidentWorkflowImpl.class)
          .setActivityImplementations(new RecordingNotices(), chat, pager, diagnostics)
          .build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  /**
   * What the API does for every firing: start the incident, or signal the one running under the id.
   */
  private IncidentWorkflow deliver(AlertReceived alert) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            IncidentWorkflow.class.getSimpleName(),
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId(ID))
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    Declaration declaration =
        new Declaration(
            ID,
            alert.title(),
            alert.severity(),
            "recoup-backend",
            alert.detail(),
            null,
            alert.source(),
            null);
    stub.signalWithStart(
        "alert",
        new Object[] {alert},
        new Object[] {IncidentInput.declared(declaration, IncidentPolicies.recoup())});
    return client.newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId(ID));
  }

  @Test
  void aStormOfOneAlertPagesOnceAndCountsEveryDeliveryOnOneTimelineLine() {
    IncidentWorkflow incident = deliver(AlertmanagerAlerts.firing(false));
    for (int i = 0; i < 19; i++) {
      deliver(AlertmanagerAlerts.firing(false));
    }
    env.sleep(Duration.ofMinutes(1));

    IncidentView view = incident.state();
    assertThat(pager.pages).hasSize(1);
    assertThat(view.alerts().firings()).isEqualTo(20);
    assertThat(view.timeline())
        .filteredOn(e -> e.kind().equals("alert-firing"))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line.text())
                    .contains("20 deliveries")
                    .contains("Latest payload: {\"status\":\"firing\"}"));
    assertThat(view.declaredBy()).isEqualTo("alertmanager");
  }

  @Test
  void aResolvedAlertIsRecordedButLeavesTheIncidentOpenUnlessConfigSaysSo() {
    IncidentWorkflow incident = deliver(AlertmanagerAlerts.firing(false));
    deliver(AlertmanagerAlerts.resolved(false));
    env.sleep(Duration.ofMinutes(1));

    IncidentView view = incident.state();
    assertThat(view.status()).isEqualTo(IncidentStatus.DECLARED);
    assertThat(view.alerts().resolutions()).isEqualTo(1);
    assertThat(view.alerts().firing()).isFalse();
    assertThat(view.timeline())
        .extracting(TimelineEntry::kind)
        .contains("alert-firing", "alert-resolved");
  }

  @Test
  void aResolvedAlertResolvesTheIncidentWhereConfigSaysSoOnceHealthChecksPass() {
    IncidentWorkflow incident = deliver(AlertmanagerAlerts.firing(false));
    diagnostics.healthy = false;
    deliver(AlertmanagerAlerts.resolved(true));
    env.sleep(Duration.ofMinutes(1));
    IncidentStatus whileUnhealthy = incident.state().status();

    diagnostics.healthy = true;
    deliver(AlertmanagerAlerts.resolved(true));
    env.sleep(Duration.ofMinutes(1));

    assertThat(whileUnhealthy).isEqualTo(IncidentStatus.DECLARED);
    assertThat(incident.state().timeline())
        .extracting(TimelineEntry::kind)
        .contains("resolve-refused", "resolved");
    assertThat(incident.state().status()).isEqualTo(IncidentStatus.MONITORING);
    assertThat(incident.state().resolvedAt()).isNotNull();
  }

  @Test
  void aFiringDuringMonitoringReopensTheIncidentWithoutPagingAgain() {
    IncidentWorkflow incident = deliver(AlertmanagerAlerts.firing(false));
    incident.resolve(new Resolution("bob", "fixed", null));
    deliver(AlertmanagerAlerts.firing(false));
    env.sleep(Duration.ofMinutes(1));

    assertThat(incident.state().status()).isEqualTo(IncidentStatus.MITIGATING);
    assertThat(incident.state().timeline()).extracting(TimelineEntry::kind).contains("reopened");
    assertThat(pager.pages).hasSize(1);
  }

  @Test
  void aFiringAfterTheIncidentClosedOpensANewIncidentThatPagesAgain() {
    IncidentWorkflow incident = deliver(AlertmanagerAlerts.firing(false));
    incident.resolve(new Resolution("bob", "fixed", null));
    env.sleep(Duration.ofMinutes(16));
    incident.markPostMortemReviewed(new PostMortemReview("dave"));
    env.sleep(Duration.ofMinutes(1));

    deliver(AlertmanagerAlerts.firing(false));
    env.sleep(Duration.ofMinutes(1));

    IncidentView next = incident.state();
    assertThat(next.status()).isEqualTo(IncidentStatus.DECLARED);
    assertThat(next.alerts().firings()).isEqualTo(1);
    assertThat(next.timeline()).extracting(TimelineEntry::kind).doesNotContain("closed");
    assertThat(pager.pages).hasSize(2);
  }
}
