package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.CommittedHistories;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import dev.firebreak.workflows.oncall.OnCallPaging;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the committed incident histories that {@code CommittedHistoriesReplayTest} replays, so a
 * change that would break running incidents (non-determinism) fails before it reaches a worker.
 * Record new ones on purpose only, with {@code ./mvnw -pl workflows test
 * -Dtest=IncidentWorkflowReplayTest -Dfirebreak.recordHistories=true}.
 */
class IncidentWorkflowReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  static List<Path> committedHistories() throws IOException {
    return CommittedHistories.in(HISTORIES);
  }

  @Test
  @DisabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void historiesAreCommitted() throws IOException {
    assertThat(committedHistories()).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordHistories() throws IOException {
    record(
        "full-lifecycle",
        (incident, env) -> {
          env.sleep(Duration.ofMinutes(4));
          incident.acknowledge(new Acknowledgement("bob"));
          env.sleep(Duration.ofMinutes(10));
          incident.postUpdate(new ResponderUpdate("bob", "Found it", "10 min", "rolling back"));
          incident.recordMitigation(new Mitigation("bob", "Rolled back", null));
          incident.addNote(new Note("carol", "customers notified"));
          incident.changeSeverity(new SeverityChange("bob", Severity.P2, "contained"));
          incident.assignCommander(new CommanderAssignment("bob", "carol"));
          env.sleep(Duration.ofMinutes(16));
          incident.resolve(new Resolution("carol", "Rolled back", "Bad deploy"));
          incident.contributeToPostMortem(
              new PostMortemInput(
                  "carol", "5% of users", null, null, List.of("Canary deploys"), null));
          env.sleep(Duration.ofMinutes(16));
          env.sleep(Duration.ofHours(13));
          incident.markPostMortemReviewed(new PostMortemReview("dave"));
          WorkflowStub.fromTyped(incident).getResult(IncidentOutcome.class);
        });
    record("escalation-exhausted", (incident, env) -> env.sleep(Duration.ofMinutes(15 * 7 + 1)));
    record(
        "playbook-probes",
        IncidentPolicies.recoup().withPlaybook(PlaybookProbesTest.payments()),
        (incident, env) -> {
          incident.acknowledge(new Acknowledgement("bob"));
          env.sleep(Duration.ofMinutes(1));
          incident.tickChecklist(new ChecklistTick(1, "bob"));
          incident.resolve(new Resolution("bob", "fixed", null));
          env.sleep(Duration.ofMinutes(2));
        });
    record(
        "reopened-during-monitoring",
        (incident, env) -> {
          incident.acknowledge(new Acknowledgement("bob"));
          incident.resolve(new Resolution("bob", "fixed", null));
          env.sleep(Duration.ofMinutes(2));
          diagnostics.healthy = false;
          env.sleep(Duration.ofMinutes(2));
          diagnostics.healthy = true;
          try {
            incident.resolve(new Resolution("bob", "fixed again", null));
          } catch (RuntimeException refusedOrAccepted) {
            // either outcome is a valid history to replay
          }
        });
    record(
        "resolve-refused",
        (incident, env) -> {
          incident.acknowledge(new Acknowledgement("bob"));
          diagnostics.healthy = false;
          try {
            incident.resolve(new Resolution("bob", "fixed", null));
          } catch (RuntimeException refused) {
            // expected: the refusal is part of the history
          }
          env.sleep(Duration.ofMinutes(31));
        });
    record(
        "providers-pagerduty-statuspage",
        IncidentPolicies.recoupWithProviders(),
        (incident, env) -> {
          env.sleep(Duration.ofMinutes(16));
          incident.acknowledge(new Acknowledgement("bob"));
          env.sleep(Duration.ofMinutes(1));
          incident.recordMitigation(new Mitigation("bob", "Rolled back", null));
          incident.postUpdate(new ResponderUpdate("bob", "Checkout recovering", "10 min", null));
          incident.resolve(new Resolution("bob", "Rolled back", null));
          env.sleep(Duration.ofMinutes(16));
        });
    record(
        "alert-storm-resolved-reopened",
        (incident, env) -> {
          AlertReceived firing = AlertmanagerAlerts.firing(true);
          for (int i = 0; i < 5; i++) {
            incident.alert(firing);
          }
          env.sleep(Duration.ofMinutes(1));
          incident.alert(AlertmanagerAlerts.resolved(true));
          env.sleep(Duration.ofMinutes(2));
          incident.alert(firing);
          env.sleep(Duration.ofMinutes(1));
        });
    // PagerDuty hears acknowledge and resolve only once the trigger before them has been answered.
    record(
        "providers-follow-up-after-pages",
        IncidentPolicies.recoupWithProviders(),
        (incident, env) -> {
          env.sleep(Duration.ofMinutes(1));
          incident.acknowledge(new Acknowledgement("bob"));
          env.sleep(Duration.ofMinutes(1));
          incident.resolve(new Resolution("bob", "fixed", null));
          env.sleep(Duration.ofMinutes(1));
        });
    // Status and severity go into the memo whenever they change, for lists to read.
    record(
        "status-memo",
        (incident, env) -> {
          incident.acknowledge(new Acknowledgement("bob"));
          incident.changeSeverity(new SeverityChange("bob", Severity.P2, "contained"));
          env.sleep(Duration.ofMinutes(1));
          incident.resolve(new Resolution("bob", "fixed", null));
          env.sleep(Duration.ofMinutes(1));
        });
    // The acknowledgement is sent before the worker runs, so it reaches the incident with its first
    // task.
    record(
        "acknowledged-before-first-task",
        IncidentPolicies.recoupWithProviders(),
        false,
        (incident, env) -> {
          CompletableFuture<IncidentView> ack =
              CompletableFuture.supplyAsync(() -> incident.acknowledge(new Acknowledgement("bob")));
          sleepUninterruptibly(Duration.ofSeconds(1));
          env.start();
          ack.join();
          env.sleep(Duration.ofMinutes(1));
          incident.resolve(new Resolution("bob", "fixed", null));
          env.sleep(Duration.ofMinutes(1));
        });
    // The run that continued as new: its input is the previous run's whole progress, so this
    // history
    // pins the shape of the continue-as-new payload (acknowledgement, updates, mitigation,
    // commander,
    // severity change, note, alert tally) as today's code wrote it.
    record(
        "continued-run",
        IncidentPolicies.recoup(40),
        (incident, env) -> {
          String firstRun = WorkflowStub.fromTyped(incident).getExecution().getRunId();
          env.sleep(Duration.ofSeconds(5));
          incident.acknowledge(new Acknowledgement("bob"));
          incident.alert(AlertmanagerAlerts.firing(false));
          incident.recordMitigation(new Mitigation("bob", "Rolled back", null));
          incident.addNote(new Note("carol", "customers notified"));
          incident.changeSeverity(new SeverityChange("bob", Severity.P2, "contained"));
          incident.assignCommander(new CommanderAssignment("bob", "carol"));
          for (int i = 1; i <= 20 && runOf(env, incident).equals(firstRun); i++) {
            incident.postUpdate(new ResponderUpdate("bob", "update " + i, null, null));
            env.sleep(Duration.ofMinutes(5));
          }
          if (runOf(env, incident).equals(firstRun)) {
            throw new IllegalStateException("the incident never continued as new");
          }
          incident.postUpdate(
              new ResponderUpdate("carol", "after the continue-as-new", null, null));
          env.sleep(Duration.ofMinutes(1));
        });
    // A P1 declared since DECLARATION_NOTICE tells the running maintenance windows itself.
    record("declaration-notice", IncidentWorkflowReplayTest::acknowledgedAfterAMinute);
    // A continued run: its first event carries the continue-as-new payload (the whole progress so
    // far),
    // so this history pins the payload's JSON shape.
    record(
        "continued-run",
        withProviders(40),
        (incident, env) -> {
          env.sleep(Duration.ofMinutes(16));
          incident.acknowledge(new Acknowledgement("bob"));
          incident.alert(AlertmanagerAlerts.firing(true));
          incident.recordMitigation(new Mitigation("bob", "Rolled back", "to v41"));
          incident.assignCommander(new CommanderAssignment("bob", "carol"));
          incident.contributeToPostMortem(
              new PostMortemInput(
                  "carol", "5% of users", null, null, List.of("Canary deploys"), null));
          for (int i = 1; i <= 8; i++) {
            incident.postUpdate(new ResponderUpdate("bob", "update " + i, "10 min", null));
            env.sleep(Duration.ofMinutes(5));
          }
          incident.resolve(new Resolution("carol", "Rolled back", "Bad deploy"));
          env.sleep(Duration.ofMinutes(2));
        });
  }

  /**
   * A level with a schedule target (since {@link IncidentVersions#SCHEDULE_TARGETS}): the primary
   * schedule resolved to Alice and paged, the lead 15 minutes later, then an acknowledgement.
   */
  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordScheduleHistory() throws IOException {
    recordAliceOnCallAcknowledgingAfterTheLead("escalation-schedule");
  }

  /**
   * The same escalation since {@link IncidentVersions#ONCALL_PAGING}: one activity asks the primary
   * schedule and pages Alice, and its result puts her on the timeline.
   */
  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordOnCallPagingHistory() throws IOException {
    recordAliceOnCallAcknowledgingAfterTheLead("oncall-paging");
  }

  /** The primary schedule has Alice on call; the lead is paged 15 minutes later; Alice acks. */
  private void recordAliceOnCallAcknowledgingAfterTheLead(String name) throws IOException {
    onCall.onCall.put("primary", ScriptedOnCall.ALICE);
    record(
        name,
        IncidentPolicies.recoupWithSchedule(),
        (incident, env) -> {
          env.sleep(Duration.ofMinutes(16));
          incident.acknowledge(new Acknowledgement("alice"));
          env.sleep(Duration.ofMinutes(1));
        });
  }

  /**
   * A P1 that tells the running maintenance windows by a local activity (since {@link
   * IncidentVersions#LOCAL_NOTICE}): the notice is a marker in the first workflow task.
   */
  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordLocalNoticeHistory() throws IOException {
    record("local-notice", IncidentWorkflowReplayTest::acknowledgedAfterAMinute);
  }

  /**
   * Runs since {@link IncidentVersions#BASELINE}: a lifecycle with the providers in play, and an
   * alert and a resolve that both reach the incident before its first workflow task (on this
   * server, the history places the resolve after the alert though it was handled first).
   */
  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordBaselineHistories() throws IOException {
    record(
        "baseline-lifecycle",
        IncidentPolicies.recoupWithProviders(),
        (incident, env) -> {
          env.sleep(Duration.ofMinutes(4));
          incident.acknowledge(new Acknowledgement("bob"));
          env.sleep(Duration.ofMinutes(1));
          incident.postUpdate(new ResponderUpdate("bob", "Found it", "10 min", "rolling back"));
          incident.recordMitigation(new Mitigation("bob", "Rolled back", null));
          incident.changeSeverity(new SeverityChange("bob", Severity.P2, "contained"));
          incident.resolve(new Resolution("bob", "Rolled back", "Bad deploy"));
          env.sleep(Duration.ofMinutes(16));
          incident.markPostMortemReviewed(new PostMortemReview("dave"));
          WorkflowStub.fromTyped(incident).getResult(IncidentOutcome.class);
        });
    record(
        "baseline-alert-and-resolve-before-first-task",
        IncidentPolicies.recoup(),
        false,
        (incident, env) -> {
          incident.alert(AlertmanagerAlerts.firing(false));
          CompletableFuture<IncidentView> resolve =
              CompletableFuture.supplyAsync(
                  () -> incident.resolve(new Resolution("bob", "fixed", null)));
          sleepUninterruptibly(Duration.ofSeconds(1));
          env.start();
          resolve.join();
          env.sleep(Duration.ofMinutes(1));
        });
  }

  /**
   * A P3 that pages only in business hours (since {@link IncidentVersions#BUSINESS_HOURS}),
   * declared at 06:00 on a Monday: the channel told at once, the page at 09:00, then an
   * acknowledgement. (A weekend's wait records the same commands with many more reminders.)
   */
  @Test
  @EnabledIfSystemProperty(named = "firebreak.recordHistories", matches = "true")
  void recordBusinessHoursHistory() throws IOException {
    record(
        "business-hours-deferred",
        IncidentPolicies.recoupWithBusinessHours(Set.of()),
        Severity.P3,
        Instant.parse("2026-12-07T06:00:00Z"),
        (incident, env) -> {
          env.sleep(Duration.ofHours(3).plusMinutes(1));
          incident.acknowledge(new Acknowledgement("bob"));
          env.sleep(Duration.ofMinutes(1));
        });
  }

  /**
   * Recoup's numbers with the providers in play, continuing as new after {@code historyEventLimit}
   * events.
   */
  private static IncidentPolicy withProviders(int historyEventLimit) {
    IncidentPolicy p = IncidentPolicies.recoupWithProviders();
    return new IncidentPolicy(
        p.channel(),
        p.severities(),
        p.escalation(),
        p.escalationRounds(),
        p.services(),
        p.monitoringPeriod(),
        p.monitoringCheckInterval(),
        p.postMortemReminderInterval(),
        p.recentDeployWindow(),
        historyEventLimit,
        p.searchAttributes());
  }

  /** The id of the incident's latest run, which a continue-as-new replaces. */
  private static String runOf(TestWorkflowEnvironment env, IncidentWorkflow incident) {
    String workflowId = WorkflowStub.fromTyped(incident).getExecution().getWorkflowId();
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getExecution()
        .getRunId();
  }

  private static void sleepUninterruptibly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
  private final ScriptedOnCall onCall = new ScriptedOnCall();

  private interface Scenario {
    void play(IncidentWorkflow incident, TestWorkflowEnvironment env);
  }

  private static void acknowledgedAfterAMinute(
      IncidentWorkflow incident, TestWorkflowEnvironment env) {
    env.sleep(Duration.ofMinutes(1));
    incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofMinutes(1));
  }

  private void record(String name, Scenario scenario) throws IOException {
    record(name, IncidentPolicies.recoup(), scenario);
  }

  private void record(String name, IncidentPolicy policy, Scenario scenario) throws IOException {
    record(name, policy, true, scenario);
  }

  /**
   * @param workerRunning false to leave starting the worker to the scenario
   */
  private void record(String name, IncidentPolicy policy, boolean workerRunning, Scenario scenario)
      throws IOException {
    record(name, policy, Severity.P1, null, workerRunning, scenario);
  }

  /** A {@code severity} incident declared at {@code start}, a pinned time. */
  private void record(
      String name, IncidentPolicy policy, Severity severity, Instant start, Scenario scenario)
      throws IOException {
    record(name, policy, severity, start, true, scenario);
  }

  /**
   * @param start the test server's initial time; null for now
   */
  private void record(
      String name,
      IncidentPolicy policy,
      Severity severity,
      Instant start,
      boolean workerRunning,
      Scenario scenario)
      throws IOException {
    diagnostics.healthy = true;
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    if (start != null) {
      options.setInitialTime(start);
    }
    // A server per recorded history, not TestWorkflowExtension's one per test: one recorder run
    // records many histories, some of whose scenarios start their worker late.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build())) {
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
      RecordingPager pager = new RecordingPager();
      worker.registerActivitiesImplementations(
          new RecordingChat(),
          pager,
          diagnostics,
          new RecordingStatusPage(),
          new ScriptedErrorCounts(),
          new RecordingNotices(),
          onCall,
          new OnCallPaging(onCall, pager));
      if (workerRunning) {
        env.start();
      }
      WorkflowClient client = env.getWorkflowClient();
      String id = "INC-REPLAY-" + name;
      IncidentWorkflow incident =
          client.newWorkflowStub(
              IncidentWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(IncidentWorkflow.workflowId(id))
                  .setTaskQueue(TaskQueue.NAME)
                  .build());
      WorkflowClient.start(
          incident::run,
          IncidentInput.declared(IncidentPolicies.declaration(id, severity), policy));
      scenario.play(incident, env);
      CommittedHistories.save(client, IncidentWorkflow.workflowId(id), HISTORIES, name);
    }
  }
}
