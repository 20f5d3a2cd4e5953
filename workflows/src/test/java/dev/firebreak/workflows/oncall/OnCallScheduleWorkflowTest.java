package dev.firebreak.workflows.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
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
    OnCallScheduleWorkflow workflow =
        client.newWorkflowStub(
            OnCallScheduleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(OnCallScheduleWorkflow.workflowId(spec.name()))
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(workflow::run, OnCallScheduleInput.configured(spec));
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

  @Test
  void anOverrideThatStartsNowIsAHandoffAndShowsInTheQueryUntilItEnds() {
    OnCallScheduleWorkflow schedule = startSchedule(env.getWorkflowClient(), WEEKLY);
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    ScheduleOverride cover =
        new ScheduleOverride(
            OnCallCalculatorTest.CAROL, now, now.plus(Duration.ofHours(2)), "U0CAROL");

    assertThat(schedule.override(cover)).isEqualTo(cover);
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
}
