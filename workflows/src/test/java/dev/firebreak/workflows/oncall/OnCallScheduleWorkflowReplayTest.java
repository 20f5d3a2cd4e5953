package dev.firebreak.workflows.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
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
 * Records the committed on-call schedule histories that {@code CommittedHistoriesReplayTest}
 * replays. Re-record on purpose only, with {@code ./mvnw -pl workflows test
 * -Dtest=OnCallScheduleWorkflowReplayTest#METHOD -Dfirebreak.recordHistories=true}, one method so
 * the others' histories stay as committed.
 */
class OnCallScheduleWorkflowReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories/oncall");

  @Test
  @DisabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void historiesAreCommitted() throws IOException {
    assertThat(CommittedHistories.in(HISTORIES)).isNotEmpty();
  }

  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordHistories() throws IOException {
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setInitialTime(OnCallScheduleWorkflowTest.START)
                .build())) {
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(OnCallScheduleWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new RecordingChat(), new OnCallScheduleWorkflowTest.FixedIncidents());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      OnCallScheduleWorkflow schedule =
          OnCallScheduleWorkflowTest.startSchedule(client, OnCallScheduleWorkflowTest.WEEKLY);
      Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
      schedule.override(
          new ScheduleOverride(
              OnCallCalculatorTest.CAROL, now, now.plus(Duration.ofHours(2)), "U0CAROL"));
      env.sleep(Duration.ofHours(22));
      schedule.configure(
          new ScheduleSpec(
              "primary",
              "Europe/London",
              OnCallScheduleWorkflowTest.WEEKLY.layers(),
              List.of("api", "web")));
      env.sleep(Duration.ofDays(7));
      schedule.retire();
      WorkflowStub.fromTyped(schedule).getResult(Void.class);

      CommittedHistories.save(
          client,
          OnCallScheduleWorkflow.workflowId("primary"),
          HISTORIES,
          "override-handoffs-reconfigured");
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordSwapHistory() throws IOException {
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setInitialTime(OnCallScheduleWorkflowTest.START)
                .build())) {
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(OnCallScheduleWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new RecordingChat(), new OnCallScheduleWorkflowTest.FixedIncidents());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      OnCallScheduleWorkflow schedule =
          OnCallScheduleWorkflowTest.startSchedule(client, OnCallScheduleWorkflowTest.WEEKLY);
      Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
      // Alice's running week for Bob's next one, then a refused swap (Bob is not on call then).
      schedule.swap(
          new ShiftSwap(
              OnCallCalculatorTest.ALICE,
              now,
              OnCallCalculatorTest.BOB,
              now.plus(Duration.ofDays(3)),
              "U0ALICE"));
      try {
        schedule.swap(
            new ShiftSwap(
                OnCallCalculatorTest.ALICE,
                now.plus(Duration.ofDays(8)),
                OnCallCalculatorTest.BOB,
                now.plus(Duration.ofDays(9)),
                "U0BOB"));
      } catch (io.temporal.client.WorkflowUpdateException refused) {
        // Expected: a rejected update leaves no event, and the history shows it changed nothing.
      }
      env.sleep(Duration.ofDays(2));
      schedule.retire();
      WorkflowStub.fromTyped(schedule).getResult(Void.class);

      CommittedHistories.save(
          client, OnCallScheduleWorkflow.workflowId("primary"), HISTORIES, "swap-handoffs");
    }
  }
}
