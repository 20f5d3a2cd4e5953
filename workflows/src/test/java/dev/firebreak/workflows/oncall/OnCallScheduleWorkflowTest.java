package dev.firebreak.workflows.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OnCallScheduleWorkflowTest {

  /** Sunday 1 March 2026, 12:00 UTC: Alice's week, Bob's starts Monday 09:00. */
  static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  static final ScheduleSpec WEEKLY =
      new ScheduleSpec(
          "primary",
          "UTC",
          List.of(
              OnCallCalculatorTest.layer(
                  "Primary",
                  TurnLength.weekly(),
                  "2026-02-23",
                  "09:00",
                  List.of(),
                  OnCallCalculatorTest.ALICE,
                  OnCallCalculatorTest.BOB)),
          List.of("api"));

  /** Answers with one open incident on the services asked about. */
  static final class FixedIncidents implements HandoffActivities {
    final List<List<String>> asked = new CopyOnWriteArrayList<>();

    @Override
    public List<String> openIncidents(List<String> services) {
      asked.add(services);
      return List.of("INC-20260301-1 P2 api: Checkout slow");
    }
  }

  private TestWorkflowEnvironment env;
  private final RecordingChat chat = new RecordingChat();
  private final FixedIncidents incidents = new FixedIncidents();

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(START).build());
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(OnCallScheduleWorkflowImpl.class);
    worker.registerActivitiesImplementations(chat, incidents);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  static OnCallScheduleWorkflow startSchedule(WorkflowClient client, ScheduleSpec spec) {
    OnCallScheduleWorkflow workflow = newSchedule(client, spec);
    WorkflowClient.start(workflow::run, OnCallScheduleInput.configured(spec));
    return workflow;
  }

  /** A stub for the schedule's workflow; a start fails while one with its id runs. */
  private static OnCallScheduleWorkflow newSchedule(WorkflowClient client, ScheduleSpec spec) {
    return client.newWorkflowStub(
        OnCallScheduleWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(OnCallScheduleWorkflow.workflowId(spec.name()))
            .setTaskQueue(TaskQueue.NAME)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .build());
  }

  /**
   * Starts the schedule with {@code override} delivered in the same request (update-with-start), so
   * the override reaches the workflow in its very first task, as one sent right after a schedule is
   * added to the config can.
   */
  static OnCallScheduleWorkflow startScheduleWithOverride(
      WorkflowClient client, ScheduleSpec spec, ScheduleOverride override) {
    OnCallScheduleWorkflow workflow = newSchedule(client, spec);
    WorkflowClient.startUpdateWithStart(
            workflow::override,
            override,
            UpdateOptions.<ScheduleOverride>newBuilder()
                .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                .build(),
            new WithStartWorkflowOperation<>(workflow::run, OnCallScheduleInput.configured(spec)))
        .getResult();
    return workflow;
  }

  @Test
  void atEachHandoffTheIncomingPersonHearsOfOpenIncidentsAndTheOutgoingOneIsThanked() {
    startSchedule(env.getWorkflowClient(), WEEKLY);

    env.sleep(Duration.ofHours(22)); // past Monday 09:00
    await().atMost(Duration.ofSeconds(20)).until(() -> chat.posts.size() >= 2);

    assertThat(chat.posts)
        .extracting(ThreadMessage::channel, ThreadMessage::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "U0BOB",
                "You are now on call for *primary* until Mon 9 Mar 09:00 (UTC).\n"
                    + "Open incidents on api:\nINC-20260301-1 P2 api: Checkout slow"),
            org.assertj.core.groups.Tuple.tuple(
                "U0ALICE", "Thanks for your shift on *primary*. Bob has it now."));
    assertThat(incidents.asked).containsExactly(List.of("api"));
  }

  /** How an override reaches the schedule's workflow. */
  enum OverrideDelivery {
    /** An update to the running schedule. */
    AFTER_THE_START,
    /** Update-with-start: in the schedule's very first workflow task. */
    WITH_THE_START
  }

  @ParameterizedTest
  @EnumSource(OverrideDelivery.class)
  void anOverrideThatStartsNowIsAHandoffAndShowsInTheQueryUntilItEnds(OverrideDelivery delivery) {
    ScheduleOverride cover =
        new ScheduleOverride(
            OnCallCalculatorTest.CAROL, START, START.plus(Duration.ofHours(2)), "U0CAROL");
    OnCallScheduleWorkflow schedule =
        switch (delivery) {
          case AFTER_THE_START -> {
            OnCallScheduleWorkflow started = startSchedule(env.getWorkflowClient(), WEEKLY);
            assertThat(started.override(cover)).isEqualTo(cover);
            yield started;
          }
          case WITH_THE_START -> startScheduleWithOverride(env.getWorkflowClient(), WEEKLY, cover);
        };

    assertThat(schedule.overrides()).containsExactly(cover);
    env.sleep(Duration.ofMinutes(1));
    // The notices are activities: the test clock can pass the minute before a busy machine runs
    // them, so wait for them in real time rather than trust the skipped minute.
    await().atMost(Duration.ofSeconds(20)).until(() -> chat.posts.size() >= 2);

    assertThat(chat.posts).extracting(ThreadMessage::channel).containsExactly("U0CAROL", "U0ALICE");
    assertThat(chat.texts().get(0))
        .startsWith("You are now on call for *primary* until Sun 1 Mar 14:00");
    env.sleep(Duration.ofHours(3));
    await().atMost(Duration.ofSeconds(20)).until(() -> chat.posts.size() >= 4);
    assertThat(schedule.overrides()).isEmpty();
    assertThat(chat.posts)
        .extracting(ThreadMessage::channel)
        .containsExactly("U0CAROL", "U0ALICE", "U0ALICE", "U0CAROL");
  }

  static Stream<Arguments> badOverrides() {
    return Stream.of(
        Arguments.of("PT2H", "PT1H", "from must be before to"),
        Arguments.of("PT1H", "PT1H", "from must be before to"),
        Arguments.of("PT0S", "P91D", "an override lasts at most 90 days"),
        Arguments.of("-PT5H", "-PT1H", "the span is wholly in the past"));
  }

  @ParameterizedTest(name = "from now+{0} to now+{1}: {2}")
  @MethodSource("badOverrides")
  void anOverrideWithABadSpanIsRefusedAndChangesNothing(String from, String to, String reason) {
    OnCallScheduleWorkflow schedule = startSchedule(env.getWorkflowClient(), WEEKLY);
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    ScheduleOverride bad =
        new ScheduleOverride(
            OnCallCalculatorTest.CAROL,
            now.plus(Duration.parse(from)),
            now.plus(Duration.parse(to)),
            "U0CAROL");

    assertThatThrownBy(() -> schedule.override(bad))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining(reason);
    assertThat(schedule.overrides()).isEmpty();
  }

  @Test
  void aSwapExchangesTheTwoShiftsTellsBothAndTheHandoffsFollowTheSwappedShifts() {
    OnCallScheduleWorkflow schedule = startSchedule(env.getWorkflowClient(), WEEKLY);
    Instant mondayNine = Instant.parse("2026-03-02T09:00:00Z");
    Instant nextMondayNine = Instant.parse("2026-03-09T09:00:00Z");

    // Alice's running week (to Monday 09:00) for Bob's next one (Monday to Monday).
    List<ScheduleOverride> swapped =
        schedule
            .swap(
                new ShiftSwap(
                    OnCallCalculatorTest.ALICE,
                    START,
                    OnCallCalculatorTest.BOB,
                    Instant.parse("2026-03-04T12:00:00Z"),
                    "U0ALICE"))
            .overrides();

    // Bob takes the rest of Alice's running shift from the moment of the swap.
    Instant swappedAt = swapped.get(0).from();
    assertThat(swappedAt).isBetween(START, START.plusSeconds(5));
    assertThat(swapped)
        .containsExactly(
            new ScheduleOverride(OnCallCalculatorTest.BOB, swappedAt, mondayNine, "U0ALICE"),
            new ScheduleOverride(
                OnCallCalculatorTest.ALICE, mondayNine, nextMondayNine, "U0ALICE"));
    assertThat(schedule.overrides()).containsExactlyElementsOf(swapped);
    assertThat(
            new OnCallCalculator(WEEKLY, schedule.overrides())
                .shifts(swappedAt, Instant.parse("2026-03-16T09:00:00Z")))
        .extracting(OnCallShift::person, OnCallShift::from, OnCallShift::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(OnCallCalculatorTest.BOB, swappedAt, mondayNine),
            org.assertj.core.groups.Tuple.tuple(
                OnCallCalculatorTest.ALICE, mondayNine, Instant.parse("2026-03-16T09:00:00Z")));
    env.sleep(Duration.ofMinutes(1));
    await().atMost(Duration.ofSeconds(20)).until(() -> chat.posts.size() >= 4);
    assertThat(chat.posts)
        .extracting(ThreadMessage::channel, ThreadMessage::text)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple(
                "U0ALICE",
                "You swapped shifts on *primary* with Bob: you now cover Mon 2 Mar 09:00 to Mon 9"
                    + " Mar 09:00 (UTC); Bob covers Sun 1 Mar 12:00 to Mon 2 Mar 09:00 (UTC)."),
            org.assertj.core.groups.Tuple.tuple(
                "U0BOB",
                "You swapped shifts on *primary* with Alice: you now cover Sun 1 Mar 12:00 to Mon"
                    + " 2 Mar 09:00 (UTC); Alice covers Mon 2 Mar 09:00 to Mon 9 Mar 09:00 (UTC)."));
    assertThat(chat.posts.subList(2, 4))
        .extracting(ThreadMessage::channel)
        .containsExactly("U0BOB", "U0ALICE");
    assertThat(chat.texts().get(2)).startsWith("You are now on call for *primary* until Mon 2 Mar");

    env.sleep(Duration.ofHours(22)); // past Monday 09:00: the swapped handoff back to Alice
    await().atMost(Duration.ofSeconds(20)).until(() -> chat.posts.size() >= 6);
    assertThat(chat.posts.subList(4, 6))
        .extracting(ThreadMessage::channel)
        .containsExactly("U0ALICE", "U0BOB");
    assertThat(chat.texts().get(4))
        .startsWith("You are now on call for *primary* until Mon 16 Mar 09:00");
  }

  static Stream<Arguments> refusedSwaps() {
    OnCallPerson alice = OnCallCalculatorTest.ALICE;
    OnCallPerson bob = OnCallCalculatorTest.BOB;
    return Stream.of(
        Arguments.of(alice, "PT0S", bob, "PT1H", "both times are in the same shift"),
        Arguments.of(alice, "PT0S", bob, "P8D", "Bob is not on call at"),
        Arguments.of(alice, "P1D", bob, "P8D", "Alice is not on call at"),
        Arguments.of(OnCallCalculatorTest.CAROL, "PT0S", bob, "P3D", "Carol is not on call at"),
        Arguments.of(alice, "PT0S", bob, "-P20D", "a shift that is already over"),
        Arguments.of(alice, "PT0S", alice, "P8D", "a swap needs two different people"),
        Arguments.of(alice, "PT0S", bob, "P91D", "at most 90 days ahead"),
        Arguments.of(alice, "P91D", bob, "P3D", "at most 90 days ahead"));
  }

  @ParameterizedTest(name = "{0} at now+{1} with {2} at now+{3}: {4}")
  @MethodSource("refusedSwaps")
  void aSwapThatDoesNotFitTheScheduleIsRefusedAndChangesNothing(
      OnCallPerson a, String aAt, OnCallPerson b, String bAt, String reason) {
    OnCallScheduleWorkflow schedule = startSchedule(env.getWorkflowClient(), WEEKLY);
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    ShiftSwap swap =
        new ShiftSwap(a, now.plus(Duration.parse(aAt)), b, now.plus(Duration.parse(bAt)), "U0X");

    assertThatThrownBy(() -> schedule.swap(swap))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining(reason);
    assertThat(schedule.overrides()).isEmpty();
    env.sleep(Duration.ofMinutes(1));
    assertThat(chat.posts).isEmpty();
  }
}
