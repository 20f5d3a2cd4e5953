package dev.firebreak.starter.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.oncall.HandoffActivities;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import dev.firebreak.workflows.oncall.OnCallPerson;
import dev.firebreak.workflows.oncall.OnCallScheduleWorkflow;
import dev.firebreak.workflows.oncall.OnCallScheduleWorkflowImpl;
import dev.firebreak.workflows.oncall.RotationLayer;
import dev.firebreak.workflows.oncall.ScheduleOverride;
import dev.firebreak.workflows.oncall.ScheduleSpec;
import dev.firebreak.workflows.oncall.TurnLength;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OnCallLookupTest {

  /** Sunday 1 March 2026, 12:00 UTC: Alice's week. */
  static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  static final OnCallPerson ALICE = new OnCallPerson("Alice", "U0ALICE", "+447700900001", null);
  static final OnCallPerson BOB = new OnCallPerson("Bob", "U0BOB", null, null);
  static final OnCallPerson CAROL = new OnCallPerson("Carol", "U0CAROL", null, null);

  static ScheduleSpec weekly(String name) {
    return new ScheduleSpec(
        name,
        "UTC",
        List.of(
            new RotationLayer(
                "Primary",
                List.of(ALICE, BOB),
                TurnLength.weekly(),
                LocalDate.parse("2026-02-23"),
                LocalTime.of(9, 0),
                List.of())),
        List.of("api"));
  }

  private TestWorkflowEnvironment env;

  /** A started test server at {@link #START} running schedule workflows with no open incidents. */
  static TestWorkflowEnvironment scheduleServer() {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(START).build());
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(OnCallScheduleWorkflowImpl.class);
    HandoffActivities noIncidents = services -> List.of();
    worker.registerActivitiesImplementations(new RecordingChat(), noIncidents);
    env.start();
    return env;
  }

  @BeforeEach
  void start() {
    env = scheduleServer();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  @Test
  void theLookupAnswersFromTheConfigBeforeTheSchedulesWorkflowRuns() {
    OnCallSchedules schedules =
        new OnCallSchedules(env.getWorkflowClient(), TaskQueue.NAME, List.of(weekly("primary")));

    OnCallAnswer answer = new OnCallLookup(schedules).whoIsOnCall("primary", now());

    assertThat(answer.person()).isEqualTo(ALICE);
    assertThat(answer.source()).isEqualTo("layer Primary (weekly)");
    assertThat(answer.shiftEnds()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void theLookupSeesAnOverrideTheSchedulesWorkflowHolds() {
    OnCallSchedules schedules =
        new OnCallSchedules(env.getWorkflowClient(), TaskQueue.NAME, List.of(weekly("primary")));
    new OnCallReconciler(schedules).reconcile();

    schedules.override(
        weekly("primary"),
        new ScheduleOverride(CAROL, now(), now().plus(Duration.ofHours(2)), "U0CAROL"));
    OnCallAnswer answer = new OnCallLookup(schedules).whoIsOnCall("primary", now());

    assertThat(answer.person()).isEqualTo(CAROL);
    assertThat(answer.source()).isEqualTo("override by U0CAROL");
    assertThat(
            new OnCallLookup(schedules)
                .whoIsOnCall("primary", now().plus(Duration.ofHours(3)))
                .person())
        .isEqualTo(ALICE);
  }

  @Test
  void anUnknownScheduleIsAGapNamedInTheSource() {
    OnCallSchedules schedules =
        new OnCallSchedules(env.getWorkflowClient(), TaskQueue.NAME, List.of(weekly("primary")));

    OnCallAnswer answer = new OnCallLookup(schedules).whoIsOnCall("secondary", now());

    assertThat(answer.person()).isNull();
    assertThat(answer.source()).isEqualTo("no schedule named secondary");
  }

  @Test
  void reconcilingStartsEachSchedulesWorkflowAndRetiresOnesNoLongerConfigured() {
    new OnCallReconciler(
            new OnCallSchedules(
                env.getWorkflowClient(),
                TaskQueue.NAME,
                List.of(weekly("primary"), weekly("secondary"))))
        .reconcile();
    OnCallSchedules fewer =
        new OnCallSchedules(env.getWorkflowClient(), TaskQueue.NAME, List.of(weekly("primary")));

    new OnCallReconciler(fewer).reconcile();
    new OnCallReconciler(fewer).reconcile();

    assertThat(status("primary"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(status("secondary"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  private WorkflowExecutionStatus status(String schedule) {
    env.sleep(Duration.ofSeconds(1));
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(OnCallScheduleWorkflow.workflowId(schedule))
        .describe()
        .getStatus();
  }
}
