package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.activities.fakes.FakeHealthEndpoint;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.Resolution;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.TimelineEntry;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The config's {@code checks: { email: { critical: false } }} through the real health checker and
 * the incident workflow, on a time-skipping test server pinned to a fixed start: a failing email
 * check is reported and does not refuse the resolve; a failing database check still does.
 */
class NonCriticalHealthCheckTest {

  private static final Instant START = Instant.parse("2026-12-04T03:00:00Z");

  private final FakeHealthEndpoint endpoint = new FakeHealthEndpoint();
  private final TestWorkflowEnvironment env =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder().setInitialTime(START).build());
  private ProviderActivities providers;

  @AfterEach
  void stop() throws Exception {
    env.close();
    providers.close();
    endpoint.close();
  }

  private IncidentWorkflow declare() {
    FirebreakConfig config =
        new ConfigLoader()
            .load(
                """
                organisation: Acme
                healthChecks: { confirmations: 1 }
                escalation:
                  levels:
                    - { name: primary, targets: ["slack:U1"] }
                services:
                  - name: ttml
                    healthUrl: %s
                    checks: { email: { critical: false }, database: { critical: true } }
                """
                    .formatted(endpoint.url()));
    providers = ProviderActivities.from(config, name -> null, false);
    DiagnosticsActivities diagnostics =
        Arrays.stream(providers.implementations())
            .filter(DiagnosticsActivities.class::isInstance)
            .map(DiagnosticsActivities.class::cast)
            .findFirst()
            .orElseThrow();
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RecordingNotices(), new RecordingChat(), new RecordingPager(), diagnostics);
    env.start();
    IncidentWorkflow incident =
        env.getWorkflowClient()
            .newWorkflowStub(
                IncidentWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(IncidentWorkflow.workflowId("INC-EMAIL"))
                    .setTaskQueue(TaskQueue.NAME)
                    .build());
    WorkflowClient.start(
        incident::run,
        IncidentInput.declared(
            new Declaration(
                "INC-EMAIL", "Letters not sent", Severity.P2, "ttml", null, null, "alice", START),
            new IncidentPolicyFactory(config, false).forService("ttml")));
    return incident;
  }

  @Test
  void aFailingNonCriticalCheckAloneDoesNotRefuseTheResolveAndIsReported() {
    endpoint.answer(
        503, "{\"status\":\"error\",\"checks\":{\"database\":\"ok\",\"email\":\"error\"}}");
    IncidentWorkflow incident = declare();

    IncidentView resolved = incident.resolve(new Resolution("alice", "Email queue drained", null));

    assertThat(resolved.status()).isEqualTo(IncidentStatus.MONITORING);
    assertThat(resolved.timeline())
        .extracting(TimelineEntry::text)
        .anyMatch(
            text ->
                text.contains("ttml: healthy (HTTP 503)")
                    && text.contains(
                        "non-critical failing email=error (reported, does not block)"));
  }

  @Test
  void aFailingCriticalCheckStillRefusesTheResolve() {
    endpoint.answer(
        503, "{\"status\":\"error\",\"checks\":{\"database\":\"error\",\"email\":\"error\"}}");
    IncidentWorkflow incident = declare();

    assertThatThrownBy(() -> incident.resolve(new Resolution("alice", "Fixed", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining(
            "health checks failing: ttml: UNHEALTHY (HTTP 503) failing database=error")
        .hasMessageContaining("non-critical failing email=error");
    assertThat(incident.state().status()).isNotEqualTo(IncidentStatus.MONITORING);
  }
}
