package dev.firebreak.workflows.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.RecordingStatusPage;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.ScriptedErrorCounts;
import dev.firebreak.workflows.rollback.RollbackLockWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackOrders;
import dev.firebreak.workflows.rollback.RollbackWorkflowImpl;
import dev.firebreak.workflows.rollback.ScriptedDeploys;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recurring window loop on the time-skipping server, with the real window workflow as its
 * occurrences, and the replay of its committed history (re-record on purpose only, with
 * {@code -Dtest=RecurringWindowWorkflowTest -Dfirebreak.recordHistories=true}).
 */
class RecurringWindowWorkflowTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories/maintenance-recurring");
  private static final RecurringWindow WEEKLY = new RecurringWindow("weekly", "Weekly maintenance",
      List.of("recoup-backend"), "every Saturday 02:00 UTC", "UTC", Duration.ofHours(2), MaintenanceOrders.plan(List.of()));

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startEnvironment() {
    ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
    diagnostics.deployments = RollbackOrders.DEPLOYS;
    // A Monday: the next "every Saturday 02:00" is more than its 48 h announcement away, whatever today is.
    env = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setInitialTime(Instant.parse("2026-11-23T10:00:00Z")).build());
    Worker worker = env.newWorker(IncidentWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(RecurringWindowWorkflowImpl.class, MaintenanceWindowWorkflowImpl.class,
        IncidentWorkflowImpl.class, RollbackWorkflowImpl.class, RollbackLockWorkflowImpl.class);
    worker.registerActivitiesImplementations(diagnostics, new ScriptedDeploys(), new ScriptedActions(), new RecordingChat(),
        new RecordingMail(), new RecordingStatusPage(), new RecordingPager(), new ScriptedErrorCounts());
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  private WorkflowExecution start(RecurringWindow window) {
    RecurringWindowWorkflow loop = client.newWorkflowStub(RecurringWindowWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(RecurringWindowWorkflow.workflowId(window.name())).setTaskQueue(IncidentWorkflow.TASK_QUEUE).build());
    return WorkflowClient.start(loop::run, window, null);
  }

  private RecurringWindowWorkflow loop() {
    return client.newWorkflowStub(RecurringWindowWorkflow.class, RecurringWindowWorkflow.workflowId("weekly"));
  }

  private static String occurrenceId(Instant start) {
    return MaintenanceWindowWorkflow.workflowId(
        "MW-" + DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(start) + "-weekly");
  }

  @Test
  void eachOccurrenceStartsWhenItsFirstAnnouncementIsDueAndTheLoopMovesToTheNext() {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    Instant first = MaintenanceRecurrence.parse(WEEKLY.recurrence(), java.time.ZoneId.of("UTC")).next(now).toInstant();
    start(WEEKLY);
    assertThat(loop().nextStart()).isEqualTo(first);

    // The plan's earliest announcement is 48 h ahead: the occurrence starts then, not before.
    env.sleep(Duration.between(now, first.minus(Duration.ofHours(48))).minusMinutes(5));
    assertThat(loop().nextStart()).isEqualTo(first);
    env.sleep(Duration.ofMinutes(10));

    MaintenanceView occurrence = client.newWorkflowStub(MaintenanceWindowWorkflow.class, occurrenceId(first)).state();
    assertThat(occurrence.start()).isEqualTo(first);
    assertThat(occurrence.end()).isEqualTo(first.plus(Duration.ofHours(2)));
    assertThat(occurrence.title()).isEqualTo("Weekly maintenance");
    assertThat(loop().nextStart()).isEqualTo(first.plus(Duration.ofDays(7)));
  }

  @Test
  void aRestartedLoopFindsTheOccurrenceItAlreadyStartedInsteadOfStartingAnother() {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    Instant first = MaintenanceRecurrence.parse(WEEKLY.recurrence(), java.time.ZoneId.of("UTC")).next(now).toInstant();
    start(WEEKLY);
    env.sleep(Duration.between(now, first.minus(Duration.ofHours(47))));
    client.newUntypedWorkflowStub(RecurringWindowWorkflow.workflowId("weekly")).terminate("config changed");

    // Restarted inside the announcement period: the same occurrence is due, and is already running.
    start(WEEKLY);
    env.sleep(Duration.ofMinutes(1));

    assertThat(loop().nextStart()).isEqualTo(first.plus(Duration.ofDays(7)));
    assertThat(client.newWorkflowStub(MaintenanceWindowWorkflow.class, occurrenceId(first)).state().start()).isEqualTo(first);
  }

  static List<Path> committedHistories() throws java.io.IOException {
    return CommittedHistories.in(HISTORIES);
  }

  @ParameterizedTest
  @MethodSource("committedHistories")
  void committedHistoryReplaysWithoutNonDeterminism(Path history) throws Exception {
    CommittedHistories.replay(history, RecurringWindowWorkflowImpl.class);
  }

  @Test
  @DisabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void historiesAreCommitted() throws java.io.IOException {
    assertThat(committedHistories()).isNotEmpty();
  }

  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordHistory() throws java.io.IOException {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    Instant first = MaintenanceRecurrence.parse(WEEKLY.recurrence(), java.time.ZoneId.of("UTC")).next(now).toInstant();
    WorkflowExecution firstRun = start(WEEKLY);
    env.sleep(Duration.between(now, first.minus(Duration.ofHours(48))).plusMinutes(5));
    java.nio.file.Files.createDirectories(HISTORIES);
    java.nio.file.Files.writeString(HISTORIES.resolve("first-occurrence-started.json"),
        client.fetchHistory(firstRun.getWorkflowId(), firstRun.getRunId()).toJson(true));
  }
}
