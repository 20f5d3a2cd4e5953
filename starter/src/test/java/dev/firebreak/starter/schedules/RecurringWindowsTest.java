package dev.firebreak.starter.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.starter.api.RunningApi;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.MaintenancePlanFactory;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.RecordingStatusPage;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.ScriptedErrorCounts;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflowImpl;
import dev.firebreak.workflows.maintenance.RecordingMail;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import dev.firebreak.workflows.maintenance.RecurringWindow;
import dev.firebreak.workflows.maintenance.RecurringWindowWorkflow;
import dev.firebreak.workflows.maintenance.RecurringWindowWorkflowImpl;
import dev.firebreak.workflows.maintenance.ScriptedActions;
import dev.firebreak.workflows.rollback.RollbackLockWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackWorkflowImpl;
import dev.firebreak.workflows.rollback.ScriptedDeploys;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowTargetOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reconciling the config's recurring windows, on a server started at a chosen instant. */
class RecurringWindowsTest {

  /** A Tuesday: the config's first-Sunday window (6 December) is more than 48 h away. */
  private static final Instant TUESDAY = Instant.parse("2026-12-01T10:00:00Z");

  /** Half an hour into the first Sunday of January 2027's window (02:00–04:00 UTC). */
  private static final Instant DURING_JANUARY_WINDOW = Instant.parse("2027-01-03T02:30:00Z");

  private final FirebreakConfig config = new ConfigLoader().load(RunningApi.CONFIG);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  private RecurringWindows startingAt(Instant now) {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(now).build());
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(
        RecurringWindowWorkflowImpl.class,
        MaintenanceWindowWorkflowImpl.class,
        IncidentWorkflowImpl.class,
        RollbackWorkflowImpl.class,
        RollbackLockWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RecordingNotices(),
        new ScriptedDiagnostics(),
        new ScriptedDeploys(),
        new ScriptedActions(),
        new RecordingChat(),
        new RecordingMail(),
        new RecordingStatusPage(),
        new RecordingPager(),
        new ScriptedErrorCounts());
    env.start();
    client = env.getWorkflowClient();
    return new RecurringWindows(
        client, config, new IncidentPolicyFactory(config, false), Clock.fixed(now, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private RecurringWindowWorkflow loop(String name) {
    return client.newWorkflowStub(
        RecurringWindowWorkflow.class, RecurringWindowWorkflow.workflowId(name));
  }

  private String loopInput(String name) {
    return client
        .fetchHistory(RecurringWindowWorkflow.workflowId(name))
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getInput()
        .toString();
  }

  @Test
  void eachRecurringWindowOfTheConfigGetsOneLoopThatAStartReplaces() {
    RecurringWindows windows = startingAt(TUESDAY);

    assertThat(windows.reconcile()).containsExactly("backend-monthly");
    String firstRun =
        client
            .newUntypedWorkflowStub(RecurringWindowWorkflow.workflowId("backend-monthly"))
            .describe()
            .getWorkflowExecutionInfo()
            .getExecution()
            .getRunId();
    assertThat(windows.reconcile()).containsExactly("backend-monthly");

    assertThat(loop("backend-monthly").nextStart())
        .isEqualTo(Instant.parse("2026-12-06T02:00:00Z"));
    assertThat(
            client
                .newUntypedWorkflowStub(
                    WorkflowTargetOptions.newBuilder()
                        .setWorkflowId(RecurringWindowWorkflow.workflowId("backend-monthly"))
                        .setRunId(firstRun)
                        .build())
                .describe()
                .getWorkflowExecutionInfo()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(loopInput("backend-monthly")).doesNotContain("skipped");
  }

  @Test
  void aStartDuringAnOccurrenceNobodyStartedSkipsItAndTheNextOccurrenceSaysSo() {
    RecurringWindows windows = startingAt(DURING_JANUARY_WINDOW);

    windows.reconcile();

    assertThat(loop("backend-monthly").nextStart())
        .isEqualTo(Instant.parse("2027-02-07T02:00:00Z"));
    assertThat(loopInput("backend-monthly"))
        .contains("the occurrence of 2027-01-03T02:00Z[UTC] was skipped");
  }

  @Test
  void aStartDuringAnOccurrenceThatRunsSaysNothingIsSkipped() {
    RecurringWindows windows = startingAt(DURING_JANUARY_WINDOW);
    // Started by the loop this start replaces (its type is not worked on here: only its id
    // matters).
    client
        .newUntypedWorkflowStub(
            "MaintenanceWindowWorkflowOfAnEarlierLoop",
            WorkflowOptions.newBuilder()
                .setWorkflowId("maintenance-MW-20270103-backend-monthly")
                .setTaskQueue(TaskQueue.NAME)
                .build())
        .start();

    windows.reconcile();

    assertThat(loopInput("backend-monthly")).doesNotContain("skipped");
    assertThat(loop("backend-monthly").nextStart())
        .isEqualTo(Instant.parse("2027-02-07T02:00:00Z"));
  }

  @Test
  void aLoopWhoseWindowLeftTheConfigIsEnded() {
    RecurringWindows windows = startingAt(TUESDAY);
    windows.reconcile();
    RecurringWindow removed =
        new RecurringWindow(
            "retired",
            "Planned maintenance: retired",
            List.of("recoup-backend"),
            "every Saturday 02:00 UTC",
            "UTC",
            Duration.ofHours(1),
            new MaintenancePlanFactory(config, new IncidentPolicyFactory(config, false))
                .plan(config.maintenance().windows().get(0), List.of("recoup-backend"), List.of()));
    RecurringWindowWorkflow retired =
        client.newWorkflowStub(
            RecurringWindowWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RecurringWindowWorkflow.workflowId("retired"))
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(retired::run, removed, null, null);

    windows.reconcile();

    assertThat(
            client
                .newUntypedWorkflowStub(RecurringWindowWorkflow.workflowId("retired"))
                .describe()
                .getWorkflowExecutionInfo()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(
            client
                .newUntypedWorkflowStub(RecurringWindowWorkflow.workflowId("backend-monthly"))
                .describe()
                .getWorkflowExecutionInfo()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }
}
