package dev.firebreak.workflows.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.common.TaskQueue;
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
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recurring window loop on the time-skipping server, with the real window workflow as its
 * occurrences, and the recording of its committed history (on purpose only, with {@code
 * -Dtest=RecurringWindowWorkflowTest -Dfirebreak.recordHistories=true}).
 *
 * <p>Every test starts the server at a chosen instant, so no verdict depends on the day the suite
 * runs: the calendar cases are written out with the starts a person would read off a calendar.
 */
class RecurringWindowWorkflowTest {

  private static final Path HISTORIES =
      Path.of("src/test/resources/histories/maintenance-recurring");
  private static final Instant TUESDAY = Instant.parse("2026-12-01T10:00:00Z");

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final RecordingMail mail = new RecordingMail();

  private void startEnvironmentAt(Instant start) {
    startEnvironment(TestEnvironmentOptions.newBuilder().setInitialTime(start).build());
  }

  // Not on TestWorkflowExtension: its start instant is fixed per method (@WorkflowInitialTime),
  // and the calendar cases each start at their own.
  private void startEnvironment(TestEnvironmentOptions options) {
    env = TestWorkflowEnvironment.newInstance(options);
    register(env.newWorker(TaskQueue.NAME));
    env.start();
    client = env.getWorkflowClient();
  }

  private void register(Worker worker) {
    ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
    diagnostics.deployments = RollbackOrders.DEPLOYS;
    worker.registerWorkflowImplementationTypes(
        RecurringWindowWorkflowImpl.class,
        MaintenanceWindowWorkflowImpl.class,
        IncidentWorkflowImpl.class,
        RollbackWorkflowImpl.class,
        RollbackLockWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RecordingNotices(),
        diagnostics,
        new ScriptedDeploys(),
        new ScriptedActions(),
        new RecordingChat(),
        mail,
        new RecordingStatusPage(),
        new RecordingPager(),
        new ScriptedErrorCounts());
  }

  @AfterEach
  void stopEnvironment() {
    if (env != null) {
      env.close();
    }
  }

  private static RecurringWindow window(String recurrence, String zone) {
    return new RecurringWindow(
        "weekly",
        "Weekly maintenance",
        List.of("recoup-backend"),
        recurrence,
        zone,
        Duration.ofHours(2),
        MaintenanceOrders.plan(List.of()));
  }

  private WorkflowExecution start(RecurringWindow window) {
    RecurringWindowWorkflow loop =
        client.newWorkflowStub(
            RecurringWindowWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RecurringWindowWorkflow.workflowId(window.name()))
                .setTaskQueue(TaskQueue.NAME)
                .build());
    return WorkflowClient.start(loop::run, window, null, null);
  }

  private RecurringWindowWorkflow loop() {
    return client.newWorkflowStub(
        RecurringWindowWorkflow.class, RecurringWindowWorkflow.workflowId("weekly"));
  }

  private MaintenanceView occurrence(String date) {
    return client
        .newWorkflowStub(
            MaintenanceWindowWorkflow.class,
            MaintenanceWindowWorkflow.workflowId("MW-" + date + "-weekly"))
        .state();
  }

  private long announcementsOf(String date) {
    return mail.sent.stream()
        .filter(sent -> sent.windowId().equals("MW-" + date + "-weekly"))
        .count();
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  /**
   * @param startsAt when the loop starts
   * @param first the occurrence it runs next, as a calendar shows it
   * @param date that occurrence's local date (its id)
   * @param second the one after
   */
  record Case(
      String name,
      Instant startsAt,
      String recurrence,
      String zone,
      Instant first,
      String date,
      Instant second) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> calendar() {
    return List.of(
        new Case(
            "five minutes before the first announcement is due",
            Instant.parse("2026-12-03T01:55:00Z"),
            "every Saturday 02:00",
            "UTC",
            Instant.parse("2026-12-05T02:00:00Z"),
            "20261205",
            Instant.parse("2026-12-12T02:00:00Z")),
        new Case(
            "inside the announcement period (a Friday morning)",
            Instant.parse("2026-12-04T08:31:00Z"),
            "every Saturday 02:00",
            "UTC",
            Instant.parse("2026-12-05T02:00:00Z"),
            "20261205",
            Instant.parse("2026-12-12T02:00:00Z")),
        new Case(
            "on new year's eve, across the month and year end",
            Instant.parse("2026-12-31T23:00:00Z"),
            "every Saturday 02:00",
            "UTC",
            Instant.parse("2027-01-02T02:00:00Z"),
            "20270102",
            Instant.parse("2027-01-09T02:00:00Z")),
        new Case(
            "on a month's last day, just after its last-Sunday occurrence",
            Instant.parse("2027-01-31T03:00:00Z"),
            "last Sunday of the month 02:00",
            "UTC",
            Instant.parse("2027-02-28T02:00:00Z"),
            "20270228",
            Instant.parse("2027-03-28T02:00:00Z")),
        // 02:30 does not exist in Berlin on 28 March 2027: the occurrence moves an hour later
        // (03:30 CEST).
        new Case(
            "before the spring DST change in Berlin",
            Instant.parse("2027-03-25T12:00:00Z"),
            "every Sunday 02:30",
            "Europe/Berlin",
            Instant.parse("2027-03-28T01:30:00Z"),
            "20270328",
            Instant.parse("2027-04-04T00:30:00Z")),
        // 02:30 happens twice in Berlin on 31 October 2027: the first one (CEST) is the occurrence.
        new Case(
            "before the autumn DST change in Berlin",
            Instant.parse("2027-10-28T12:00:00Z"),
            "every Sunday 02:30",
            "Europe/Berlin",
            Instant.parse("2027-10-31T00:30:00Z"),
            "20271031",
            Instant.parse("2027-11-07T01:30:00Z")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calendar")
  void eachOccurrenceStartsWhenItsFirstAnnouncementIsDueAndIsAnnouncedOnce(Case c) {
    startEnvironmentAt(c.startsAt());
    start(window(c.recurrence(), c.zone()));
    Instant announceFrom = c.first().minus(Duration.ofHours(48));

    if (c.startsAt().isBefore(announceFrom)) {
      assertThat(loop().nextStart()).isEqualTo(c.first());
      env.sleep(Duration.between(now(), announceFrom).minusMinutes(5));
      assertThat(loop().nextStart()).isEqualTo(c.first());
      assertThat(mail.sent).isEmpty();
      env.sleep(Duration.ofMinutes(10));
    } else {
      // Closer than the first announcement: the occurrence runs, its past announcements fold into
      // one.
      env.sleep(Duration.ofMinutes(1));
    }

    MaintenanceView occurrence = occurrence(c.date());
    assertThat(occurrence.start()).isEqualTo(c.first());
    assertThat(occurrence.end()).isEqualTo(c.first().plus(Duration.ofHours(2)));
    assertThat(occurrence.title()).isEqualTo("Weekly maintenance");
    assertThat(announcementsOf(c.date())).as("announced once so far").isEqualTo(1);
    assertThat(loop().nextStart()).isEqualTo(c.second());
  }

  @Test
  void aRestartedLoopFindsTheOccurrenceItAlreadyStartedInsteadOfStartingAnother() {
    startEnvironmentAt(TUESDAY);
    RecurringWindow weekly = window("every Saturday 02:00 UTC", "UTC");
    Instant first = Instant.parse("2026-12-05T02:00:00Z");
    start(weekly);
    env.sleep(Duration.between(now(), first.minus(Duration.ofHours(47))));
    client
        .newUntypedWorkflowStub(RecurringWindowWorkflow.workflowId("weekly"))
        .terminate("config changed");

    // Restarted inside the announcement period: the same occurrence is due, and is already running.
    start(weekly);
    env.sleep(Duration.ofMinutes(1));

    assertThat(loop().nextStart()).isEqualTo(first.plus(Duration.ofDays(7)));
    assertThat(occurrence("20261205").start()).isEqualTo(first);
    assertThat(announcementsOf("20261205")).isEqualTo(1);
  }

  @Test
  void anOccurrenceReachedAfterItsStartIsSkippedAndOneReachedBeforeItRuns() {
    ZonedDateTime saturday = ZonedDateTime.parse("2026-12-05T02:00:00Z[UTC]");

    assertThat(
            RecurringWindowWorkflowImpl.skippedWhenReachedLate(
                saturday, Instant.parse("2026-12-05T01:59:59Z")))
        .isNull();
    assertThat(
            RecurringWindowWorkflowImpl.skippedWhenReachedLate(
                saturday, Instant.parse("2026-12-05T02:00:00Z")))
        .isEqualTo(
            "the occurrence of 2026-12-05T02:00Z[UTC] was skipped: the loop reached it at "
                + "2026-12-05T02:00:00Z, after its start (no worker ran before it)");
  }

  static List<Path> committedHistories() throws java.io.IOException {
    return CommittedHistories.in(HISTORIES);
  }

  @Test
  @DisabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void historiesAreCommitted() throws java.io.IOException {
    assertThat(committedHistories()).isNotEmpty();
  }

  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordHistory() throws java.io.IOException {
    startEnvironmentAt(TUESDAY);
    Instant first = Instant.parse("2026-12-05T02:00:00Z");
    WorkflowExecution firstRun = start(window("every Saturday 02:00 UTC", "UTC"));
    env.sleep(Duration.between(now(), first.minus(Duration.ofHours(48))).plusMinutes(5));
    // The first run, not the latest (the loop has continued as new); a committed file is never
    // rewritten.
    Path file =
        HISTORIES.resolve(
            "first-occurrence-started-" + RecurringWindowVersions.SKIP_PASSED_OCCURRENCE + ".json");
    if (!java.nio.file.Files.exists(file)) {
      java.nio.file.Files.createDirectories(HISTORIES);
      java.nio.file.Files.writeString(
          file, client.fetchHistory(firstRun.getWorkflowId(), firstRun.getRunId()).toJson(true));
    }
  }
}
