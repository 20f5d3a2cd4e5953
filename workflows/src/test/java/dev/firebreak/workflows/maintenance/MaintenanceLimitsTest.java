package dev.firebreak.workflows.maintenance;

import static dev.firebreak.workflows.maintenance.MaintenanceOrders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.common.Refusals;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.RecordingStatusPage;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A window whose times are beyond {@link MaintenanceLimits} fails once with the reason, whoever
 * started it, instead of failing its workflow task again and again on arithmetic that overflows.
 */
class MaintenanceLimitsTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  /**
   * A server, worker and task queue of its own for each test; prints the workflows' histories when
   * one fails.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(MaintenanceWindowWorkflowImpl.class)
          .setActivityImplementations(
              new ScriptedDiagnostics(),
              new ScriptedActions(),
              new RecordingChat(),
              new RecordingMail(),
              new RecordingStatusPage(),
              new RecordingPager())
          .setInitialTime(NOW)
          .build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  private MaintenanceWindowWorkflow start(MaintenanceOrder order) {
    MaintenanceWindowWorkflow window =
        client.newWorkflowStub(
            MaintenanceWindowWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(order.workflowId())
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(window::run, order);
    return window;
  }

  static Stream<Arguments> windowsBeyondTheLimits() {
    Instant farthest = Instant.MAX.minus(Duration.ofDays(400));
    return Stream.of(
        Arguments.of(
            "starts in the year 1000000000",
            farthest,
            farthest.plus(Duration.ofHours(1)),
            "days ahead"),
        Arguments.of(
            "starts eleven years ahead",
            NOW.plus(Duration.ofDays(11 * 366)),
            NOW.plus(Duration.ofDays(11 * 366)).plus(Duration.ofHours(1)),
            "days ahead"),
        Arguments.of(
            "lasts a hundred days",
            NOW.plus(Duration.ofHours(1)),
            NOW.plus(Duration.ofDays(100)),
            "more than 90 days"),
        Arguments.of(
            "ends in the year 1000000000",
            NOW.plus(Duration.ofHours(1)),
            farthest,
            "more than 90 days"),
        Arguments.of(
            "ends before it starts",
            NOW.plus(Duration.ofHours(2)),
            NOW.plus(Duration.ofHours(1)),
            "not after its start"));
  }

  @ParameterizedTest(name = "a window that {0} fails once, saying why")
  @MethodSource("windowsBeyondTheLimits")
  void aWindowBeyondTheLimitsFailsOnceSayingWhy(
      String what, Instant start, Instant end, String reason) throws Exception {
    MaintenanceWindowWorkflow window = start(order("MW-1", start, end, List.of()));

    assertThatThrownBy(
            () ->
                WorkflowStub.fromTyped(window)
                    .getResult(20, TimeUnit.SECONDS, MaintenanceView.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(Refusals.INVALID_WINDOW);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .startsWith("Maintenance MW-1 cannot run:")
                  .contains(reason);
            });
    assertThat(window.state().status()).isEqualTo(MaintenanceStatus.CANCELLED);
  }

  @Test
  void anExtensionBeyondTheLongestWindowIsRefusedAndTheWindowRunsOn() {
    Instant start = NOW.plus(Duration.ofHours(1));
    MaintenanceWindowWorkflow window =
        start(order("MW-2", start, start.plus(Duration.ofHours(1)), List.of()));

    assertThatThrownBy(
            () ->
                window.extend(new Extension("bob", Instant.MAX.minus(Duration.ofDays(400)), null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("more than 90 days");
    assertThat(window.extend(new Extension("bob", start.plus(Duration.ofDays(90)), null)).end())
        .isEqualTo(start.plus(Duration.ofDays(90)));
    assertThat(window.state().status()).isEqualTo(MaintenanceStatus.SCHEDULED);
  }

  @Test
  void theLimitsLeaveOrdinaryWindowsAlone() {
    assertThat(
            MaintenanceLimits.problem(
                NOW.plus(Duration.ofDays(3650)), NOW.plus(Duration.ofDays(3740)), NOW))
        .isEmpty();
    assertThat(MaintenanceLimits.bounded(Duration.ofDays(30))).isEqualTo(Duration.ofDays(30));
    assertThat(MaintenanceLimits.bounded(Duration.ofDays(365_000_000)))
        .isEqualTo(MaintenanceLimits.MAX_WAIT);
  }
}
