package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.firebreak.workflows.common.ReportedMetrics;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IncidentMetricsTest {

  @Test
  void reportsTimeToAcknowledgeAndResolveEscalationsAndMissedUpdates() throws Exception {
    ReportedMetrics reported = new ReportedMetrics("severity", "cause");
    Scope scope = new RootScopeBuilder().reporter(reported).reportEvery(com.uber.m3.util.Duration.ofMillis(10));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setMetricsScope(scope).build())) {
      Worker worker = env.newWorker(IncidentWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
      worker.registerActivitiesImplementations(new RecordingChat(), new RecordingPager(), new ScriptedDiagnostics());
      env.start();
      IncidentWorkflow incident = env.getWorkflowClient().newWorkflowStub(IncidentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(IncidentWorkflow.workflowId("INC-M"))
              .setTaskQueue(IncidentWorkflow.TASK_QUEUE).build());
      WorkflowClient.start(incident::run,
          IncidentState.declared(IncidentPolicies.declaration("INC-M", Severity.P1), IncidentPolicies.recoup()));

      env.sleep(Duration.ofMinutes(16)); // no ack in 15 min: the secondary is paged
      incident.acknowledge(new Acknowledgement("bob"));
      env.sleep(Duration.ofMinutes(31)); // no update at 15, 30 and 45 minutes after the declaration
      incident.postUpdate(new ResponderUpdate("bob", "Stripe webhook secret rotated", null, null));
      incident.resolve(new Resolution("bob", "fixed", null));
    }
    scope.close();

    assertThat(reported.timers.get(IncidentMetrics.TIME_TO_ACKNOWLEDGE + "P1"))
        .singleElement().satisfies(tta -> assertThat(tta).isBetween(Duration.ofMinutes(16), Duration.ofMinutes(17)));
    assertThat(reported.timers.get(IncidentMetrics.TIME_TO_RESOLVE + "P1"))
        .singleElement().satisfies(ttr -> assertThat(ttr).isBetween(Duration.ofMinutes(47), Duration.ofMinutes(48)));
    assertThat(reported.counters).containsEntry(IncidentMetrics.ESCALATIONS + "P1" + "no-ack", 1L);
    assertThat(reported.counters).containsEntry(IncidentMetrics.ESCALATIONS + "P1" + "missed-update", 1L);
    assertThat(reported.counters).containsEntry(IncidentMetrics.UPDATES_MISSED + "P1", 3L);
  }
}
