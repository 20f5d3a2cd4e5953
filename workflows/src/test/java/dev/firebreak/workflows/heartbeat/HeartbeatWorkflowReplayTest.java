package dev.firebreak.workflows.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
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
 * Records the committed heartbeat history that {@code CommittedHistoriesReplayTest} replays.
 * Re-record on purpose only, with {@code ./mvnw -pl workflows test
 * -Dtest=HeartbeatWorkflowReplayTest -Dfirebreak.recordHistories=true}.
 */
class HeartbeatWorkflowReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories/heartbeat");

  static List<Path> committedHistories() throws IOException {
    return CommittedHistories.in(HISTORIES);
  }

  @Test
  @DisabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void historiesAreCommitted() throws IOException {
    assertThat(committedHistories()).isNotEmpty();
  }

  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordHistories() throws IOException {
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setInitialTime(HeartbeatWorkflowTest.START)
                .build())) {
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(
          HeartbeatWorkflowImpl.class, IncidentWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new RecordingChat(),
          new RecordingPager(),
          new ScriptedDiagnostics(),
          new RecordingNotices());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      HeartbeatSpec spec =
          HeartbeatSpecs.every(
              "webhook-retry",
              Duration.ofMinutes(15),
              Duration.ofMinutes(5),
              Duration.ofMinutes(10));
      HeartbeatWorkflow heartbeat = HeartbeatSpecs.start(client, spec);

      heartbeat.ping(ping(env, PingKind.SUCCESS, null, null));
      env.sleep(Duration.ofMinutes(21));
      heartbeat.ping(ping(env, PingKind.SUCCESS, null, null));
      env.sleep(Duration.ofMinutes(1));
      heartbeat.ping(ping(env, PingKind.START, "run-1", null));
      env.sleep(Duration.ofMinutes(16));
      heartbeat.ping(ping(env, PingKind.FAIL, "run-1", "line 1\nStripe answered 500"));
      env.sleep(Duration.ofMinutes(1));
      heartbeat.ping(ping(env, PingKind.SUCCESS, null, null));
      env.sleep(Duration.ofMinutes(1));
      heartbeat.pause(new HeartbeatCommand("alice", "migration"));
      env.sleep(Duration.ofHours(1));
      heartbeat.resume(new HeartbeatCommand("alice", null));
      heartbeat.configure(
          HeartbeatSpecs.every(
              spec.name(), Duration.ofMinutes(30), spec.grace(), spec.maxRunTime()));
      env.sleep(Duration.ofMinutes(40));
      heartbeat.retire();
      WorkflowStub.fromTyped(heartbeat).getResult(HeartbeatView.class);

      CommittedHistories.save(
          client,
          HeartbeatWorkflow.workflowId(spec.name()),
          HISTORIES,
          "down-resolved-run-failed-paused-reconfigured");
    }
  }

  /**
   * Records only the maintenance silence's history ({@code -Dfirebreak.recordHistories=silence}),
   * so the history pinning the branch before it keeps the version it was recorded at.
   */
  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "silence")
  void recordSilenceHistory() throws IOException {
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setInitialTime(HeartbeatWorkflowTest.START)
                .build())) {
      RecordingNotices notices = new RecordingNotices();
      notices.silencedUntil = HeartbeatWorkflowTest.START.plus(Duration.ofHours(1));
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(
          HeartbeatWorkflowImpl.class, IncidentWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new RecordingChat(), new RecordingPager(), new ScriptedDiagnostics(), notices);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      HeartbeatSpec spec =
          HeartbeatSpecs.every(
              "webhook-retry",
              Duration.ofMinutes(15),
              Duration.ofMinutes(5),
              Duration.ofMinutes(10));
      HeartbeatWorkflow heartbeat = HeartbeatSpecs.start(client, spec);

      heartbeat.ping(ping(env, PingKind.SUCCESS, null, null));
      env.sleep(Duration.ofMinutes(70));
      heartbeat.retire();
      WorkflowStub.fromTyped(heartbeat).getResult(HeartbeatView.class);

      CommittedHistories.save(
          client,
          HeartbeatWorkflow.workflowId(spec.name()),
          HISTORIES,
          "silenced-by-maintenance-then-declared");
    }
  }

  private static HeartbeatPing ping(
      TestWorkflowEnvironment env, PingKind kind, String runId, String body) {
    return new HeartbeatPing(
        kind, null, runId, Instant.ofEpochMilli(env.currentTimeMillis()), body, "ping", 0);
  }
}
