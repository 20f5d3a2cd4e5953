package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.firebreak.workflows.common.ReportedMetrics;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.client.BatchRequest;
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

class IncidentMetricsTest {

  private final ReportedMetrics reported = new ReportedMetrics("severity", "cause");
  private final Scope scope =
      new RootScopeBuilder().reporter(reported).reportEvery(com.uber.m3.util.Duration.ofMillis(10));

  private WorkflowClient client;
  private String taskQueue;

  /**
   * A server, worker and task queue of its own for each test; prints the workflows' histories when
   * one fails. Each test has its own metrics scope and closes it itself, which reports what is
   * left, before its verdict.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder()
          .setMetricsScope(scope)
          .registerWorkflowImplementationTypes(IncidentWorkflowImpl.class)
          .setActivityImplementations(
              new RecordingChat(),
              new RecordingPager(),
              new ScriptedDiagnostics(),
              new RecordingNotices())
          .build();

  @BeforeEach
  void startEnvironment(WorkflowClient client, Worker worker) {
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  /**
   * However an incident starts (a client start: API, Slack, or a job's or window's child; a
   * signal-with-start: alerts), it counts itself once, and a continue-as-new of a long incident is
   * the same incident, not a second declaration.
   */
  @Test
  void everyDeclarationCountsOnceWhateverStartedItAndAContinueAsNewDoesNotCountAgain(
      TestWorkflowEnvironment env) throws Exception {
    IncidentWorkflow started =
        client.newWorkflowStub(IncidentWorkflow.class, options("INC-STARTED"));
    // A small history limit: the updates below make the incident continue as new.
    WorkflowClient.start(
        started::run,
        IncidentInput.declared(
            IncidentPolicies.declaration("INC-STARTED", Severity.P1), IncidentPolicies.recoup(40)));
    String firstRun = WorkflowStub.fromTyped(started).getExecution().getRunId();
    BatchRequest alerted = client.newSignalWithStartRequest();
    IncidentWorkflow byAlert = client.newWorkflowStub(IncidentWorkflow.class, options("ALERT-1"));
    alerted.add(
        byAlert::run,
        IncidentInput.declared(
            IncidentPolicies.declaration("ALERT-1", Severity.P2), IncidentPolicies.recoup()));
    alerted.add(
        byAlert::alert,
        new AlertReceived(
            "alertmanager", "fp", true, "High error rate", Severity.P2, null, null, false));
    client.signalWithStart(alerted);

    started.acknowledge(new Acknowledgement("bob"));
    for (int i = 1; i <= 8; i++) {
      started.postUpdate(new ResponderUpdate("bob", "update " + i, null, null));
      env.sleep(Duration.ofMinutes(5));
    }
    IncidentWorkflow latest =
        client.newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId("INC-STARTED"));
    assertThat(WorkflowStub.fromTyped(latest).describe().getExecution().getRunId())
        .as("the incident continued as new")
        .isNotEqualTo(firstRun);
    scope.close();

    assertThat(reported.counters).containsEntry(IncidentMetrics.DECLARED + "P1", 1L);
    assertThat(reported.counters).containsEntry(IncidentMetrics.DECLARED + "P2", 1L);
  }

  private WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(IncidentWorkflow.workflowId(id))
        .setTaskQueue(taskQueue)
        .build();
  }

  @Test
  void reportsTimeToAcknowledgeAndResolveEscalationsAndMissedUpdates(TestWorkflowEnvironment env)
      throws Exception {
    IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class, options("INC-M"));
    WorkflowClient.start(
        incident::run,
        IncidentInput.declared(
            IncidentPolicies.declaration("INC-M", Severity.P1), IncidentPolicies.recoup()));

    env.sleep(Duration.ofMinutes(16)); // no ack in 15 min: the secondary is paged
    incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofMinutes(31)); // no update at 15, 30 and 45 minutes after the declaration
    incident.postUpdate(new ResponderUpdate("bob", "Stripe webhook secret rotated", null, null));
    incident.resolve(new Resolution("bob", "fixed", null));
    scope.close();

    // The declaration is stamped at its first workflow task, which on a loaded machine runs a few
    // milliseconds of real time after the start the test's sleep counts from.
    assertThat(reported.timers.get(IncidentMetrics.TIME_TO_ACKNOWLEDGE + "P1"))
        .singleElement()
        .satisfies(
            tta ->
                assertThat(tta)
                    .isBetween(Duration.ofMinutes(16).minusSeconds(1), Duration.ofMinutes(17)));
    assertThat(reported.timers.get(IncidentMetrics.TIME_TO_RESOLVE + "P1"))
        .singleElement()
        .satisfies(
            ttr -> assertThat(ttr).isBetween(Duration.ofMinutes(47), Duration.ofMinutes(48)));
    assertThat(reported.counters).containsEntry(IncidentMetrics.ESCALATIONS + "P1" + "no-ack", 1L);
    assertThat(reported.counters)
        .containsEntry(IncidentMetrics.ESCALATIONS + "P1" + "missed-update", 1L);
    assertThat(reported.counters).containsEntry(IncidentMetrics.UPDATES_MISSED + "P1", 3L);
  }
}
