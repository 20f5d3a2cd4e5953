package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.playbook.ActionOrder;
import dev.firebreak.workflows.playbook.ActionOrders;
import dev.firebreak.workflows.playbook.ActionRunStatus;
import dev.firebreak.workflows.playbook.ActionRunStep;
import dev.firebreak.workflows.playbook.ActionRunView;
import dev.firebreak.workflows.playbook.ActionRunWorkflow;
import dev.firebreak.workflows.playbook.ActionRunWorkflowImpl;
import dev.firebreak.workflows.playbook.RecordingPlatform;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker stopped in the middle of an env action changes nothing twice. The first worker stops
 * while its redeploy is in flight: the platform made the deploy, but the attempt ends in a failure
 * instead of its answer. The next worker has no cache, so it replays the run from its history (the
 * env change is not made again), and its retry of the redeploy adopts the deploy. On dev mode's
 * embedded server (real time: the time-skipping server does not move time while a task waits for a
 * worker that is gone), the workers connecting by its port as separate processes would.
 */
class ActionRunWorkerRestartTest {

  private static final WorkerFactoryOptions NO_CACHE =
      WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build();

  private final RecordingPlatform platform = new RecordingPlatform();

  @Test
  void aWorkerStoppedWhileItsRedeployIsInFlightLeavesExactlyOneEnvChangeAndOneDeploy()
      throws Exception {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(FreePort.next())) {
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      WorkflowClient client = WorkflowClient.newInstance(service);
      CountDownLatch stopping = new CountDownLatch(1);
      platform.hangAfterDeploy = stopping;
      WorkerFactory first = workerOn(client);
      ActionOrder order = ActionOrders.order("k1", ActionOrders.circuitBreaker());
      ActionRunWorkflow run = ActionOrders.start(client, order);
      await().atMost(Duration.ofSeconds(20)).until(() -> platform.deploys.size() == 1);

      first.shutdown();
      platform.hangAfterDeploy = null;
      stopping.countDown();
      first.awaitTermination(10, TimeUnit.SECONDS);
      WorkerFactory next = workerOn(client);
      try {
        // A poll the stopped worker left open may hold a task until its 10 s timeout.
        ActionRunView view =
            WorkflowStub.fromTyped(run).getResult(60, TimeUnit.SECONDS, ActionRunView.class);

        assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
        assertThat(platform.envWrites).hasSize(1);
        assertThat(platform.deploys).hasSize(1);
        assertThat(platform.redeployCalls).hasSize(2);
        assertThat(view.steps()).extracting(ActionRunStep::text).contains("Adopted deploy dpl-1");
      } finally {
        next.shutdownNow();
        service.shutdownNow();
      }
    }
  }

  private WorkerFactory workerOn(WorkflowClient client) {
    WorkerFactory factory = WorkerFactory.newInstance(client, NO_CACHE);
    var worker = factory.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(ActionRunWorkflowImpl.class);
    worker.registerActivitiesImplementations(platform, new ScriptedDiagnostics());
    factory.start();
    return factory;
  }
}
