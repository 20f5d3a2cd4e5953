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
 * Records the committed on-call schedule history that {@code CommittedHistoriesReplayTest} replays.
 * Re-record on purpose only, with {@code ./mvnw -pl workflows test
 * -Dtest=OnCallScheduleWorkflowReplayTest -Dfirebreak.recordHistories=true}.
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
}
