package dev.firebreak.workflows.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
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
    record(
        "override-handoffs-reconfigured",
        (env, schedule, now) -> {
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
        });
  }

  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordSwapHistory() throws IOException {
    record(
        "swap-handoffs",
        (env, schedule, now) -> {
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
          } catch (WorkflowUpdateException refused) {
            // Expected: a rejected update leaves no event, and the history shows it changed
            // nothing.
          }
          env.sleep(Duration.ofDays(2));
        });
  }

  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordFirstTaskOverrideHistory() throws IOException {
    record(
        "override-in-first-task-hands-off",
        client ->
            OnCallScheduleWorkflowTest.startScheduleWithOverride(
                client,
                OnCallScheduleWorkflowTest.WEEKLY,
                new ScheduleOverride(
                    OnCallCalculatorTest.CAROL,
                    OnCallScheduleWorkflowTest.START,
                    OnCallScheduleWorkflowTest.START.plus(Duration.ofHours(2)),
                    "U0CAROL")),
        (env, schedule, now) -> env.sleep(Duration.ofHours(3)));
  }

  /** What a recording does to the weekly schedule between its start and its retirement. */
  private interface Script {
    void run(TestWorkflowEnvironment env, OnCallScheduleWorkflow schedule, Instant now);
  }

  /** Starts the weekly schedule at the tests' start time, runs the script, saves the history. */
  private static void record(String name, Script script) throws IOException {
    record(
        name,
        client ->
            OnCallScheduleWorkflowTest.startSchedule(client, OnCallScheduleWorkflowTest.WEEKLY),
        script);
  }

  private static void record(
      String name, Function<WorkflowClient, OnCallScheduleWorkflow> start, Script script)
      throws IOException {
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
      OnCallScheduleWorkflow schedule = start.apply(client);
      script.run(env, schedule, Instant.ofEpochMilli(env.currentTimeMillis()));
      schedule.retire();
      WorkflowStub.fromTyped(schedule).getResult(Void.class);
      CommittedHistories.save(
          client, OnCallScheduleWorkflow.workflowId("primary"), HISTORIES, name);
    }
  }
}
