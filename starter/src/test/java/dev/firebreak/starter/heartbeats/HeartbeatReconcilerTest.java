package dev.firebreak.starter.heartbeats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.heartbeat.HeartbeatSpec;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflow;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflowImpl;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reconciling the config's heartbeats with their running workflows. */
class HeartbeatReconcilerTest {

  private TestWorkflowEnvironment env;
  private HeartbeatWorkflows workflows;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setInitialTime(Instant.parse("2027-01-05T10:00:00Z"))
                .build());
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(
        HeartbeatWorkflowImpl.class, IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(new RecordingNotices());
    env.start();
    workflows = new HeartbeatWorkflows(env.getWorkflowClient(), TaskQueue.NAME);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static HeartbeatSpec heartbeat(String name) {
    return new HeartbeatSpec(
        name,
        Duration.ofMinutes(15),
        null,
        "UTC",
        Duration.ofMinutes(5),
        null,
        "recoup-backend",
        Severity.P2,
        IncidentPolicies.recoup());
  }

  private WorkflowExecutionStatus status(String name) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(HeartbeatWorkflow.workflowId(name))
        .describe()
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  @Test
  void aHeartbeatRemovedFromTheConfigHasItsWorkflowCompletedAndTheOthersKeepRunning() {
    HeartbeatReconciler reconciler = new HeartbeatReconciler(workflows);
    reconciler.reconcile(List.of(heartbeat("webhook-retry"), heartbeat("data-purge")));

    reconciler.reconcile(List.of(heartbeat("webhook-retry")));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(status("data-purge"))
                    .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED));
    assertThat(status("webhook-retry"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void aThousandHeartbeatsAreStartedSeveralAtATimeNotOneRoundTripAfterAnother() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    WorkflowClientInterceptorBase overlap =
        new WorkflowClientInterceptorBase() {
          @Override
          public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
              WorkflowClientCallsInterceptor next) {
            return new WorkflowClientCallsInterceptorBase(next) {
              @Override
              public WorkflowSignalWithStartOutput signalWithStart(
                  WorkflowSignalWithStartInput input) {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                  return super.signalWithStart(input);
                } finally {
                  inFlight.decrementAndGet();
                }
              }
            };
          }
        };
    WorkflowClient client =
        WorkflowClient.newInstance(
            env.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder()
                .setNamespace(env.getNamespace())
                .setInterceptors(overlap)
                .build());
    List<HeartbeatSpec> heartbeats =
        IntStream.range(0, 1_000).mapToObj(i -> heartbeat("hb-" + i)).toList();

    new HeartbeatReconciler(new HeartbeatWorkflows(client, TaskQueue.NAME)).reconcile(heartbeats);

    assertThat(most.get()).isGreaterThan(1).isLessThanOrEqualTo(HeartbeatReconciler.PARALLEL_CALLS);
    assertThat(status("hb-0")).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(status("hb-999"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void reconcilingTheSameHeartbeatsAgainRetiresNothing() {
    HeartbeatReconciler reconciler = new HeartbeatReconciler(workflows);
    reconciler.reconcile(List.of(heartbeat("webhook-retry")));

    reconciler.reconcile(List.of(heartbeat("webhook-retry")));

    assertThat(status("webhook-retry"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }
}
