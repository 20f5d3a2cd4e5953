package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.heartbeat.HeartbeatPing;
import dev.firebreak.workflows.heartbeat.HeartbeatSpec;
import dev.firebreak.workflows.heartbeat.HeartbeatSpecs;
import dev.firebreak.workflows.heartbeat.HeartbeatState;
import dev.firebreak.workflows.heartbeat.HeartbeatView;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflow;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflowImpl;
import dev.firebreak.workflows.heartbeat.PingKind;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker stopped between a ping and its deadline loses nothing: a ping sent while no worker runs
 * waits in the history and counts, and a deadline that passed while none ran is acted on by the
 * next worker. On dev mode's embedded server (real time: the time-skipping server does not move
 * time while a task waits for a worker), so the heartbeat is seconds long; the workers connect by
 * its port, where it strips sticky queues, as a separate worker process would.
 */
class HeartbeatWorkerRestartTest {

  private static final WorkerFactoryOptions NO_CACHE =
      WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build();
  private static final Duration PERIOD = Duration.ofSeconds(6);
  private static final Duration GRACE = Duration.ofSeconds(4);

  private static void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(
        HeartbeatWorkflowImpl.class, IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RecordingChat(),
        new RecordingPager(),
        new ScriptedDiagnostics(),
        new RecordingNotices());
  }

  @Test
  void aPingSentWhileNoWorkerRunsCountsAndAMissedDeadlineIsActedOnByTheNextWorker()
      throws InterruptedException {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(FreePort.next())) {
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      WorkflowClient client = WorkflowClient.newInstance(service);
      WorkerFactory first = WorkerFactory.newInstance(client, NO_CACHE);
      register(first.newWorker(TaskQueue.NAME));
      first.start();
      HeartbeatSpec spec =
          new HeartbeatSpec(
              "webhook-retry",
              PERIOD,
              null,
              "UTC",
              GRACE,
              null,
              "recoup-backend",
              Severity.P2,
              IncidentPolicies.recoup());
      HeartbeatWorkflow heartbeat = HeartbeatSpecs.start(client, spec);
      Instant start = now(client);
      heartbeat.ping(ping(start));
      await().atMost(Duration.ofSeconds(5)).until(() -> heartbeat.view().signals() == 1);

      first.shutdownNow();
      first.awaitTermination(10, TimeUnit.SECONDS);
      sleepUntil(client, start.plusSeconds(3));
      heartbeat.ping(ping(now(client)));
      // The first ping's grace ends at 10 s; the second, unseen by any worker, moves it to 13 s.
      sleepUntil(client, start.plusSeconds(11));

      WorkerFactory next = WorkerFactory.newInstance(client, NO_CACHE);
      register(next.newWorker(TaskQueue.NAME));
      next.start();
      try {
        // A poll the stopped worker left open may hold a task until its 10 s timeout.
        HeartbeatView after =
            await()
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(heartbeat::view, view -> view.signals() == 2);
        assertThat(after.signals()).isEqualTo(2);
        assertThat(after.incidentId()).as("no false incident").isNull();
        assertThat(after.state()).isEqualTo(HeartbeatState.LATE);

        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> heartbeat.view().incidentId() != null);
        HeartbeatView down = heartbeat.view();
        assertThat(down.state()).isEqualTo(HeartbeatState.DOWN);
        assertThat(
                client
                    .newWorkflowStub(
                        IncidentWorkflow.class, IncidentWorkflow.workflowId(down.incidentId()))
                    .state()
                    .status())
            .isEqualTo(IncidentStatus.DECLARED);
      } finally {
        next.shutdownNow();
        service.shutdownNow();
      }
    }
  }

  /** The embedded server runs in real time: its clock is this machine's. */
  private static Instant now(WorkflowClient client) {
    return Instant.now();
  }

  private static void sleepUntil(WorkflowClient client, Instant at) throws InterruptedException {
    long millis = at.toEpochMilli() - now(client).toEpochMilli();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  private static HeartbeatPing ping(Instant at) {
    return new HeartbeatPing(PingKind.SUCCESS, null, null, at, null, "ping", 0);
  }
}
