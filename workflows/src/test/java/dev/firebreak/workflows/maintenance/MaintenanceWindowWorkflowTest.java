package dev.firebreak.workflows.maintenance;

import static dev.firebreak.workflows.maintenance.MaintenanceOrders.DEPLOYED_DURING_WINDOW;
import static dev.firebreak.workflows.maintenance.MaintenanceOrders.manual;
import static dev.firebreak.workflows.maintenance.MaintenanceOrders.order;
import static dev.firebreak.workflows.maintenance.MaintenanceOrders.orderWithApprovedRollback;
import static dev.firebreak.workflows.maintenance.MaintenanceOrders.step;
import static dev.firebreak.workflows.maintenance.MaintenanceOrders.stepWithSecret;
import static dev.firebreak.workflows.maintenance.MaintenanceOrders.unsendable;
import static dev.firebreak.workflows.maintenance.MaintenanceOrders.withSilenceTail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.RecordingStatusPage;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.ScriptedErrorCounts;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.TimelineEntry;
import dev.firebreak.workflows.notify.ThreadMessage;
import dev.firebreak.workflows.rollback.Approval;
import dev.firebreak.workflows.rollback.RollbackCommand;
import dev.firebreak.workflows.rollback.RollbackLockWorkflow;
import dev.firebreak.workflows.rollback.RollbackLockWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackOrders;
import dev.firebreak.workflows.rollback.RollbackStatus;
import dev.firebreak.workflows.rollback.RollbackWorkflow;
import dev.firebreak.workflows.rollback.RollbackWorkflowImpl;
import dev.firebreak.workflows.rollback.ScriptedDeploys;
import dev.firebreak.workflows.rollback.StartThenClaimLocks;
import dev.firebreak.workflows.statuspage.MaintenanceReschedule;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaintenanceWindowWorkflowTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private StartThenClaimLocks locks;
  private final ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
  private final ScriptedDeploys deploys = new ScriptedDeploys();
  private final ScriptedActions actions = new ScriptedActions();
  private final RecordingChat chat = new RecordingChat();
  private final RecordingMail mail = new RecordingMail();
  private final RecordingStatusPage statusPage = new RecordingStatusPage();
  private final RecordingNotices notices = new RecordingNotices();

  /**
   * Closes the server after each test and prints the workflows' histories when one fails. The
   * worker is this class's own, on {@link TaskQueue#NAME} rather than the extension's per-test
   * queue: a window claims its rollback lock through StartThenClaimLocks, which starts the lock on
   * that queue.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env) {
    this.env = env;
    diagnostics.deployments = RollbackOrders.DEPLOYS;
    locks = new StartThenClaimLocks(env.getWorkflowClient());
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(
        MaintenanceWindowWorkflowImpl.class,
        IncidentWorkflowImpl.class,
        RollbackWorkflowImpl.class,
        RollbackLockWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        diagnostics,
        deploys,
        actions,
        chat,
        mail,
        statusPage,
        new RecordingPager(),
        new ScriptedErrorCounts(),
        locks,
        notices);
    env.start();
    client = env.getWorkflowClient();
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private MaintenanceWindowWorkflow start(MaintenanceOrder order) {
    MaintenanceWindowWorkflow window =
        client.newWorkflowStub(
            MaintenanceWindowWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(order.workflowId())
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(window::run, order);
    return window;
  }

  private static MaintenanceView result(MaintenanceWindowWorkflow window) {
    return WorkflowStub.fromTyped(window).getResult(MaintenanceView.class);
  }

  private RollbackLockWorkflow lock() {
    return client.newWorkflowStub(
        RollbackLockWorkflow.class, RollbackLockWorkflow.workflowId("recoup-backend"));
  }

  private boolean awaitingApproval(String rollbackId) {
    try {
      return client.newWorkflowStub(RollbackWorkflow.class, rollbackId).state().status()
          == RollbackStatus.AWAITING_APPROVAL;
    } catch (WorkflowNotFoundException | WorkflowQueryException notYet) {
      return false;
    }
  }

  /** The "apply" step deploys, as a migration shipped with a release does. */
  private void applyDeploys() {
    actions.effects.put("apply", () -> diagnostics.deployments = DEPLOYED_DURING_WINDOW);
  }

  private List<String> chatKeys() {
    return chat.posts.stream().map(ThreadMessage::key).toList();
  }

  private List<String> announcements() {
    return chatKeys().stream().filter(k -> k.contains("/announce-")).toList();
  }

  private void awaitState(MaintenanceWindowWorkflow window, Predicate<MaintenanceView> condition) {
    for (int i = 0; i < 200 && !condition.test(window.state()); i++) {
      env.sleep(Duration.ofSeconds(5));
    }
    assertThat(condition.test(window.state()))
        .as("window state reached in time: " + window.state())
        .isTrue();
  }

  @Test
  void fullWindowAnnouncesAtEachOffsetRunsTheChecklistAndGivesTheAllClear() {
    Instant start = now().plus(Duration.ofHours(72));
    MaintenanceWindowWorkflow window =
        start(order("MW-1", start, List.of(step("apply-index-migration"))));

    env.sleep(Duration.ofHours(23).plusMinutes(59));
    assertThat(announcements()).isEmpty();
    env.sleep(Duration.ofMinutes(2));
    assertThat(announcements()).containsExactly("MW-1/announce-pt48h");
    env.sleep(Duration.ofHours(24));
    assertThat(announcements()).containsExactly("MW-1/announce-pt48h", "MW-1/announce-pt24h");
    env.sleep(Duration.ofHours(23));
    assertThat(announcements()).hasSize(3).endsWith("MW-1/announce-pt1h");
    assertThat(actions.performed).isEmpty();

    MaintenanceView view = result(window);

    assertThat(view.status()).isEqualTo(MaintenanceStatus.COMPLETED);
    assertThat(actions.performed)
        .containsExactly(
            "create-firestore-backup",
            "export-redis",
            "maintenance-on",
            "apply-index-migration",
            "maintenance-off",
            "test-payment-processing");
    assertThat(view.outcome())
        .startsWith("✅ All clear: maintenance MW-1")
        .contains("healthy after 30m of monitoring")
        .doesNotContain("PT");
    assertThat(chatKeys()).endsWith("MW-1/started", "MW-1/end");
    assertThat(mail.sent).extracting(MaintenanceEmail::key).isEqualTo(chatKeys());
    assertThat(mail.sent)
        .allSatisfy(m -> assertThat(m.to()).containsExactly("customers@example.com"));
    assertThat(statusPage.posts)
        .hasSize(2)
        .first()
        .isEqualTo("scheduled: Upgrade Firestore indexes");
    assertThat(statusPage.posts.get(1)).startsWith("completed: ✅ All clear");
    assertThat(diagnostics.healthChecks).hasSizeGreaterThanOrEqualTo(1 + 1 + 6);
    assertThat(view.timeline())
        .extracting(MaintenanceEntry::kind)
        .contains(
            "announce",
            "pre-check",
            "mode",
            "step",
            "health",
            "post-check",
            "monitor",
            "completed");
  }

  private static SilencedAlert alert(String incidentId, boolean firing, Instant at) {
    return new SilencedAlert(
        incidentId,
        "recoup-backend",
        at,
        new AlertReceived(
            "alertmanager",
            "fp-" + incidentId,
            firing,
            "High error rate on recoup-backend",
            Severity.P2,
            "5xx above 5 %",
            null,
            true),
        false);
  }

  @Test
  void alertsDuringTheWindowAreRecordedAndOnlyWhatStillFiresAfterTheTailDeclaresAnIncident() {
    Instant start = now().plus(Duration.ofMinutes(10));
    MaintenanceWindowWorkflow window =
        start(
            withSilenceTail(order("MW-S", start, List.of(step("apply"))), Duration.ofMinutes(30)));
    assertThat(window.state().silenceEnds()).as("nothing is silenced before the window").isNull();

    env.sleep(Duration.ofMinutes(11));
    assertThat(window.state().silenceEnds())
        .isEqualTo(start.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(30)));
    window.recordSilenced(alert("INC-still-firing", true, now()));
    window.recordSilenced(alert("INC-recovered", true, now()));
    window.recordSilenced(alert("INC-recovered", false, now()));

    MaintenanceView view = result(window);

    assertThat(view.status()).isEqualTo(MaintenanceStatus.COMPLETED);
    assertThat(view.silenceEnds()).isNull();
    MaintenanceEntry completed =
        view.timeline().stream()
            .filter(e -> e.kind().equals("completed"))
            .findFirst()
            .orElseThrow();
    MaintenanceEntry declared =
        view.timeline().stream()
            .filter(e -> e.text().startsWith("Declared INC-still-firing"))
            .findFirst()
            .orElseThrow();
    assertThat(Duration.between(completed.at(), declared.at()))
        .as("declared when the tail ended")
        .isBetween(Duration.ofMinutes(30), Duration.ofMinutes(30).plusSeconds(5));
    assertThat(view.timeline())
        .extracting(MaintenanceEntry::text)
        .contains(
            "Silenced alertmanager alert on recoup-backend (firing): High error rate on recoup-backend")
        .noneMatch(text -> text.contains("INC-recovered"));
    assertThat(
            client
                .newWorkflowStub(
                    IncidentWorkflow.class, IncidentWorkflow.workflowId("INC-still-firing"))
                .state())
        .satisfies(
            incident -> {
              assertThat(incident.title()).isEqualTo("High error rate on recoup-backend");
              assertThat(incident.alerts().firings()).as("the alert is counted there").isEqualTo(1);
            });
    assertThatThrownBy(
            () ->
                client
                    .newWorkflowStub(
                        IncidentWorkflow.class, IncidentWorkflow.workflowId("INC-recovered"))
                    .state())
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @Test
  void aWindowWithoutATailDeclaresWhatStillFiresAsItEnds() {
    Instant start = now().plus(Duration.ofMinutes(10));
    MaintenanceWindowWorkflow window = start(order("MW-T", start, List.of()));
    env.sleep(Duration.ofMinutes(11));

    window.recordSilenced(alert("INC-at-the-end", true, now()));
    MaintenanceView view = result(window);

    assertThat(view.timeline())
        .extracting(MaintenanceEntry::text)
        .anyMatch(text -> text.startsWith("Declared INC-at-the-end (P2)"));
  }

  @Test
  void aWindowCloserThanTheOffsetsIsAnnouncedOnceAtOnce() {
    Instant start = now().plus(Duration.ofMinutes(30));
    MaintenanceWindowWorkflow window = start(order("MW-2", start, List.of()));

    env.sleep(Duration.ofMinutes(1));
    assertThat(announcements()).containsExactly("MW-2/announce-now");
    assertThat(chat.posts.get(0).text()).contains("less than 1h ahead");

    assertThat(result(window).status()).isEqualTo(MaintenanceStatus.COMPLETED);
    assertThat(announcements()).containsExactly("MW-2/announce-now");
  }

  @Test
  void aFailedPreCheckStopsTheWindowBeforeAnythingChangesAndTellsPeople() {
    actions.failing.add("export-redis");

    MaintenanceView view =
        result(start(order("MW-3", now().plus(Duration.ofMinutes(5)), List.of(step("apply")))));

    assertThat(view.status()).isEqualTo(MaintenanceStatus.CANCELLED);
    assertThat(actions.performed).containsExactly("create-firestore-backup", "export-redis");
    assertThat(view.outcome())
        .contains("pre-check export-redis failed")
        .contains("Nothing was changed");
    assertThat(chat.texts()).last().asString().startsWith("⛔ Maintenance MW-3");
    assertThat(mail.sent).last().extracting(MaintenanceEmail::text).asString().startsWith("⛔");
    assertThat(deploys.rollbacks).isEmpty();
    assertThat(view.incidentId()).isNull();
  }

  @Test
  void
      aFailedPostCheckRollsBackTheDeployMadeDuringTheWindowAndDeclaresAnIncidentLinkedToTheWindow() {
    actions.failing.add("test-payment-processing");
    applyDeploys();

    MaintenanceView view =
        result(start(order("MW-4", now().plus(Duration.ofMinutes(5)), List.of(step("apply")))));

    assertThat(view.status()).isEqualTo(MaintenanceStatus.FAILED);
    assertThat(actions.performed)
        .containsSubsequence(
            "maintenance-on", "apply", "maintenance-off", "test-payment-processing");
    assertThat(deploys.rollbacks)
        .extracting(RollbackCommand::workflowId)
        .containsExactly("rollback-recoup-backend-mw-4");
    assertThat(deploys.rollbacks)
        .extracting(RollbackCommand::deploymentId)
        .containsExactly("dep-4");
    assertThat(view.timeline())
        .extracting(MaintenanceEntry::text)
        .contains(
            "recoup-backend serves dep-4",
            "recoup-backend was deployed during the window (dep-4 → dep-5); rolling back to dep-4");
    assertThat(view.incidentId()).isEqualTo("INC-MW-4");
    assertThat(view.outcome())
        .contains("FAILED: test-payment-processing failed")
        .contains("Rollback: recoup-backend SUCCEEDED")
        .contains("Incident INC-MW-4 declared");
    IncidentWorkflow incident =
        client.newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId("INC-MW-4"));
    IncidentView declared = incident.state();
    assertThat(declared.title()).isEqualTo("Maintenance MW-4 failed: Upgrade Firestore indexes");
    assertThat(declared.severity().name()).isEqualTo("P1");
    assertThat(incident.timeline())
        .extracting(TimelineEntry::text)
        .anySatisfy(text -> assertThat(text).contains("rollback-recoup-backend-mw-4"));
    // Other windows running now hear of it as they would of an incident declared over the API.
    assertThat(notices.notices)
        .containsExactly(
            new IncidentNotice(
                "INC-MW-4",
                "P1",
                "Maintenance MW-4 failed: Upgrade Firestore indexes",
                "recoup-backend"));
  }

  @Test
  void aFailedPostCheckWithNoDeployDuringTheWindowDeclaresItsIncidentAndRollsNothingBack() {
    actions.failing.add("test-payment-processing");

    MaintenanceView view =
        result(start(order("MW-16", now().plus(Duration.ofMinutes(5)), List.of(step("apply")))));

    assertThat(view.status()).isEqualTo(MaintenanceStatus.FAILED);
    assertThat(deploys.rollbacks).isEmpty();
    assertThat(view.incidentId()).isEqualTo("INC-MW-16");
    assertThat(view.timeline())
        .extracting(MaintenanceEntry::text)
        .contains(
            "recoup-backend not rolled back: nothing to roll back, no deploy during the window (dep-4 still live)");
    assertThat(view.outcome())
        .contains("FAILED: test-payment-processing failed")
        .contains("Rollback: recoup-backend not rolled back: nothing to roll back")
        .contains("Incident INC-MW-16 declared");
  }

  @Test
  void aWindowThatCouldNotReadTheDeployItBeganWithRollsNothingBackAndSaysWhy() {
    actions.failing.add("test-payment-processing");
    applyDeploys();
    diagnostics.deployListsRefused.set(1);

    MaintenanceView view =
        result(start(order("MW-19", now().plus(Duration.ofMinutes(5)), List.of(step("apply")))));

    assertThat(view.status()).isEqualTo(MaintenanceStatus.FAILED);
    assertThat(deploys.rollbacks).isEmpty();
    assertThat(view.outcome())
        .contains(
            "Rollback: recoup-backend not rolled back: its deploy before the window is not known "
                + "(deploys could not be read: Render answered HTTP 401: Unauthorized)")
        .contains("Incident INC-MW-19 declared");
  }

  @Test
  void aWindowThatCannotReadTheDeploysAfterItsFailureRollsBackToTheDeployItBeganWith() {
    actions.failing.add("test-payment-processing");
    actions.effects.put(
        "apply",
        () -> {
          diagnostics.deployments = DEPLOYED_DURING_WINDOW;
          diagnostics.deployListsRefused.set(1);
        });

    MaintenanceView view =
        result(start(order("MW-20", now().plus(Duration.ofMinutes(5)), List.of(step("apply")))));

    assertThat(deploys.rollbacks)
        .extracting(RollbackCommand::deploymentId)
        .containsExactly("dep-4");
    assertThat(view.timeline())
        .extracting(MaintenanceEntry::text)
        .contains(
            "recoup-backend's live deploy is not known "
                + "(deploys could not be read: Render answered HTTP 401: Unauthorized); rolling back to dep-4, its deploy before the window");
    assertThat(view.outcome()).contains("Rollback: recoup-backend SUCCEEDED");
  }

  static Stream<Arguments> failuresBeforeAnythingChanged() {
    return Stream.of(
        Arguments.of(
            "maintenance mode on needs an unset secret",
            stepWithSecret("maintenance-on", "MODE_TOKEN"),
            List.of(step("apply")),
            "maintenance-on failed: environment variable MODE_TOKEN is not set",
            List.of("create-firestore-backup", "export-redis")),
        Arguments.of(
            "the first step needs an unset secret",
            step("maintenance-on"),
            List.of(stepWithSecret("apply", "DEPLOY_TOKEN"), step("migrate")),
            "apply failed: environment variable DEPLOY_TOKEN is not set",
            List.of(
                "create-firestore-backup", "export-redis", "maintenance-on", "maintenance-off")),
        Arguments.of(
            "the first step cannot be sent as configured",
            step("maintenance-on"),
            List.of(unsendable("apply")),
            "apply failed: HTTP action apply '127.0.0.1:9/ops/apply' is not an http(s) URL",
            List.of(
                "create-firestore-backup", "export-redis", "maintenance-on", "maintenance-off")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failuresBeforeAnythingChanged")
  void
      aStepThatFailsBeforeAnythingChangedCallsTheWindowOffAndTellsEveryoneWithoutRollbackOrIncident(
          String situation,
          MaintenanceStep modeOn,
          List<MaintenanceStep> steps,
          String failure,
          List<String> sent) {
    // Had anything been rolled back, it would have been this deploy, made outside the window.
    diagnostics.deployments = DEPLOYED_DURING_WINDOW;

    MaintenanceView view =
        result(start(order("MW-17", now().plus(Duration.ofMinutes(5)), modeOn, steps)));

    assertThat(view.status()).isEqualTo(MaintenanceStatus.CANCELLED);
    assertThat(view.outcome())
        .startsWith("⛔ Maintenance MW-17 (Upgrade Firestore indexes) is called off: " + failure)
        .contains("Nothing was changed; maintenance mode is off.");
    assertThat(actions.performed).isEqualTo(sent);
    assertThat(view.incidentId()).isNull();
    assertThat(deploys.rollbacks).isEmpty();
    assertThat(view.timeline())
        .extracting(MaintenanceEntry::kind)
        .doesNotContain("rollback", "incident");
    assertThat(chat.texts()).last().asString().startsWith("⛔ Maintenance MW-17");
    assertThat(mail.sent)
        .last()
        .extracting(MaintenanceEmail::text)
        .asString()
        .startsWith("⛔ Maintenance MW-17");
    assertThat(statusPage.posts).last().asString().startsWith("completed: ⛔ Maintenance MW-17");
  }

  static Stream<Arguments> failuresAfterSomethingMayHaveChanged() {
    return Stream.of(
        Arguments.of(
            "a step needs an unset secret after an earlier step went through",
            List.of(step("apply"), stepWithSecret("migrate", "DEPLOY_TOKEN"))),
        Arguments.of(
            "the first step's call was sent and refused", List.of(step("migrate"), step("apply"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failuresAfterSomethingMayHaveChanged")
  void aStepThatFailsAfterSomethingMayHaveChangedFailsTheWindowAndDeclaresItsIncident(
      String situation, List<MaintenanceStep> steps) {
    actions.failing.add("migrate");

    MaintenanceView view = result(start(order("MW-18", now().plus(Duration.ofMinutes(5)), steps)));

    assertThat(view.status()).isEqualTo(MaintenanceStatus.FAILED);
    assertThat(view.outcome())
        .contains("FAILED: migrate failed")
        .contains("Incident INC-MW-18 declared");
    assertThat(view.incidentId()).isEqualTo("INC-MW-18");
  }

  @Test
  void aWindowsRollbackHoldsItsServicesLockWhileItRunsAndFreesItWhenItEnds() {
    actions.failing.add("test-payment-processing");
    applyDeploys();
    MaintenanceWindowWorkflow window =
        start(
            orderWithApprovedRollback(
                "MW-13", now().plus(Duration.ofMinutes(5)), List.of(step("apply"))));
    String rollbackId = "rollback-recoup-backend-mw-13";
    for (int i = 0; i < 200 && !awaitingApproval(rollbackId); i++) {
      env.sleep(Duration.ofSeconds(5));
    }

    assertThat(lock().holder().workflowId()).isEqualTo(rollbackId);
    assertThat(locks.claim(RollbackOrders.order("api-1", null, false, null)).holder().workflowId())
        .isEqualTo(rollbackId);
    client.newWorkflowStub(RollbackWorkflow.class, rollbackId).approve(new Approval("bob", "go"));

    assertThat(result(window).outcome()).contains("Rollback: recoup-backend SUCCEEDED");
    assertThat(deploys.rollbacks)
        .extracting(RollbackCommand::workflowId)
        .containsExactly(rollbackId);
    assertThat(locks.claim(RollbackOrders.order("api-2", null, false, null)).granted()).isTrue();
  }

  @Test
  void aWindowDoesNotRollBackAServiceAnotherRollbackIsRollingBackAndSaysWhichOne() {
    actions.failing.add("test-payment-processing");
    applyDeploys();
    // One waiting for approval: its lease outlasts the incident timers time skipping runs through.
    assertThat(locks.claim(RollbackOrders.order("api-1", null, true, null)).granted()).isTrue();

    MaintenanceView view =
        result(start(order("MW-14", now().plus(Duration.ofMinutes(5)), List.of(step("apply")))));

    assertThat(view.status()).isEqualTo(MaintenanceStatus.FAILED);
    assertThat(deploys.rollbacks).isEmpty();
    assertThat(view.outcome())
        .contains(
            "Rollback: recoup-backend not rolled back: rollback-recoup-backend-api-1 is running.")
        .contains("Incident INC-MW-14 declared");
    assertThat(view.timeline())
        .extracting(MaintenanceEntry::text)
        .contains("recoup-backend not rolled back: rollback-recoup-backend-api-1 is running");
    assertThat(lock().holder().workflowId()).isEqualTo("rollback-recoup-backend-api-1");
  }

  @Test
  void aWindowWhoseRollbackCannotStartGivesTheLockBack() {
    actions.failing.add("test-payment-processing");
    applyDeploys();
    RollbackWorkflow earlier =
        client.newWorkflowStub(
            RollbackWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("rollback-recoup-backend-mw-15")
                .setTaskQueue(TaskQueue.NAME)
                .build());
    earlier.run(RollbackOrders.order("mw-15", null, false, null));

    MaintenanceView view =
        result(start(order("MW-15", now().plus(Duration.ofMinutes(5)), List.of(step("apply")))));

    assertThat(view.outcome()).contains("Rollback: recoup-backend not rolled back.");
    assertThat(deploys.rollbacks).hasSize(1);
    assertThat(locks.claim(RollbackOrders.order("api-1", null, false, null)).granted()).isTrue();
  }

  @Test
  void unhealthyDuringMonitoringFailsTheWindow() {
    MaintenanceWindowWorkflow window =
        start(order("MW-5", now().plus(Duration.ofMinutes(5)), List.of(step("apply"))));
    awaitState(window, v -> v.status() == MaintenanceStatus.MONITORING);
    diagnostics.healthy = false;

    MaintenanceView view = result(window);

    assertThat(view.status()).isEqualTo(MaintenanceStatus.FAILED);
    assertThat(view.outcome()).contains("recoup-backend is unhealthy (database=error)");
    assertThat(view.incidentId()).isEqualTo("INC-MW-5");
  }

  @Test
  void aWindowStillGoingAtItsPlannedEndSaysWhereItIs() {
    Instant start = now().plus(Duration.ofMinutes(5));
    MaintenanceWindowWorkflow window =
        start(order("MW-6", start, start.plus(Duration.ofMinutes(10)), List.of(step("apply"))));

    env.sleep(Duration.ofMinutes(16));

    assertThat(chat.texts())
        .anySatisfy(
            text ->
                assertThat(text)
                    .startsWith("⏰ Maintenance MW-6 reached its planned end")
                    .contains("MONITORING"));
    assertThat(window.timeline()).extracting(MaintenanceEntry::kind).contains("overrun");
    assertThat(result(window).status()).isEqualTo(MaintenanceStatus.COMPLETED);
  }

  @Test
  void extendingMovesThePlannedEndAndTellsEveryone() {
    Instant start = now().plus(Duration.ofMinutes(5));
    MaintenanceWindowWorkflow window =
        start(order("MW-7", start, start.plus(Duration.ofMinutes(10)), List.of(step("apply"))));

    assertThatThrownBy(
            () -> window.extend(new Extension("bob", start.plus(Duration.ofMinutes(5)), null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("must be later than the planned end");
    MaintenanceView extended =
        window.extend(new Extension("bob", start.plus(Duration.ofHours(1)), "monitoring runs 30m"));

    assertThat(extended.end()).isEqualTo(start.plus(Duration.ofHours(1)));
    assertThat(result(window).status()).isEqualTo(MaintenanceStatus.COMPLETED);
    assertThat(chat.texts()).noneSatisfy(text -> assertThat(text).startsWith("⏰"));
    assertThat(chatKeys()).contains("MW-7/extend-1");
    assertThat(mail.sent)
        .extracting(MaintenanceEmail::text)
        .anySatisfy(t -> assertThat(t).contains("extended to"));
  }

  @Test
  void eachExtensionMovesTheStatusPageMaintenanceEndOnce() {
    Instant start = now().plus(Duration.ofMinutes(5));
    MaintenanceWindowWorkflow window =
        start(order("MW-13", start, start.plus(Duration.ofMinutes(10)), List.of(step("apply"))));
    awaitState(window, v -> v.timeline().stream().anyMatch(e -> e.kind().equals("announce")));

    window.extend(new Extension("bob", start.plus(Duration.ofMinutes(30)), null));
    window.extend(new Extension("bob", start.plus(Duration.ofHours(1)), "monitoring runs 30m"));
    awaitState(
        window,
        v -> v.timeline().stream().filter(e -> e.text().contains(" now ends ")).count() == 2);

    // One call per extension; each sends the latest end, so the last one sent is the final end.
    assertThat(statusPage.reschedules)
        .hasSize(2)
        .last()
        .isEqualTo(
            new MaintenanceReschedule(
                "maintenance-MW-13",
                new PublicIncidentRef("sp-maintenance-MW-13", false),
                start,
                start.plus(Duration.ofHours(1))));
    assertThat(window.timeline())
        .extracting(MaintenanceEntry::text)
        .contains(
            "Status page maintenance sp-maintenance-MW-13 now ends "
                + start.plus(Duration.ofHours(1)));
    assertThat(result(window).status()).isEqualTo(MaintenanceStatus.COMPLETED);
    assertThat(statusPage.reschedules).hasSize(2);
  }

  @Test
  void aStatusPageThatCannotBeRescheduledDoesNotFailTheExtension() {
    statusPage.maintenanceGone = true;
    Instant start = now().plus(Duration.ofMinutes(5));
    MaintenanceWindowWorkflow window =
        start(order("MW-14", start, start.plus(Duration.ofMinutes(10)), List.of(step("apply"))));
    awaitState(window, v -> v.timeline().stream().anyMatch(e -> e.kind().equals("announce")));

    MaintenanceView extended =
        window.extend(new Extension("bob", start.plus(Duration.ofHours(1)), null));

    assertThat(extended.end()).isEqualTo(start.plus(Duration.ofHours(1)));
    awaitState(
        window,
        v ->
            v.timeline().stream()
                .anyMatch(
                    e ->
                        e.text()
                            .equals(
                                "Status page not told of the new end: Statuspage answered HTTP 404: Incident not found")));
    assertThat(chatKeys()).contains("MW-14/extend-1");
    assertThat(result(window).status()).isEqualTo(MaintenanceStatus.COMPLETED);
  }

  @Test
  void anExtensionIsAnsweredAtOnceWhileSlackIsDownAndToldWhenItIsBack() {
    Instant start = now().plus(Duration.ofMinutes(5));
    MaintenanceWindowWorkflow window =
        start(order("MW-15", start, start.plus(Duration.ofMinutes(10)), List.of(step("apply"))));
    awaitState(window, v -> v.timeline().stream().anyMatch(e -> e.kind().equals("announce")));
    chat.down = true;

    MaintenanceView extended =
        window.extend(new Extension("bob", start.plus(Duration.ofHours(1)), "vendor asked"));

    assertThat(extended.end()).isEqualTo(start.plus(Duration.ofHours(1)));
    assertThat(chatKeys()).doesNotContain("MW-15/extend-1");
    chat.down = false;
    assertThat(result(window).status()).isEqualTo(MaintenanceStatus.COMPLETED);
    assertThat(chatKeys()).contains("MW-15/extend-1");
  }

  @Test
  void abortDuringTheStepsSwitchesMaintenanceModeOffAndRollsBackTheDeployMadeDuringTheWindow() {
    MaintenanceWindowWorkflow window =
        start(order("MW-8", now().plus(Duration.ofMinutes(5)), List.of(manual("swap-database"))));
    awaitState(window, v -> "swap-database".equals(v.waitingFor()));
    diagnostics.deployments = DEPLOYED_DURING_WINDOW;

    window.abort(new Abort("bob", "vendor outage"));
    MaintenanceView view = result(window);

    assertThat(view.status()).isEqualTo(MaintenanceStatus.ABORTED);
    assertThat(actions.performed).endsWith("maintenance-on", "maintenance-off");
    assertThat(deploys.rollbacks)
        .extracting(RollbackCommand::deploymentId)
        .containsExactly("dep-4");
    assertThat(view.incidentId()).isNull();
    assertThat(view.outcome())
        .contains("aborted by bob: vendor outage")
        .contains("Maintenance mode is off");
  }

  @Test
  void abortBeforeTheStartChangesNothing() {
    MaintenanceWindowWorkflow window =
        start(order("MW-9", now().plus(Duration.ofHours(10)), List.of(step("apply"))));
    env.sleep(Duration.ofMinutes(1));

    window.abort(new Abort("bob", null));

    MaintenanceView view = result(window);
    assertThat(view.status()).isEqualTo(MaintenanceStatus.ABORTED);
    assertThat(view.outcome()).contains("before it started").contains("Nothing was changed");
    assertThat(actions.performed).isEmpty();
    assertThat(deploys.rollbacks).isEmpty();
  }

  @Test
  void aConfirmedManualStepLetsTheWindowGoOn() {
    MaintenanceWindowWorkflow window =
        start(order("MW-10", now().plus(Duration.ofMinutes(5)), List.of(manual("swap-database"))));
    awaitState(window, v -> "swap-database".equals(v.waitingFor()));
    assertThat(chat.texts())
        .anySatisfy(
            t ->
                assertThat(t)
                    .contains("firebreak maintenance confirm MW-10 --step 'swap-database'"));

    assertThatThrownBy(
            () -> window.confirmStep(new StepConfirmation("bob", "other-step", false, null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("is waiting for 'swap-database'");
    window.confirmStep(new StepConfirmation("bob", "swap-database", false, "replica promoted"));

    MaintenanceView view = result(window);
    assertThat(view.status()).isEqualTo(MaintenanceStatus.COMPLETED);
    assertThat(view.timeline())
        .extracting(MaintenanceEntry::text)
        .contains("✅ swap-database confirmed by bob: replica promoted");
  }

  @Test
  void aManualStepNobodyConfirmsFailsTheWindowAtItsTimeout() {
    MaintenanceWindowWorkflow window =
        start(order("MW-11", now().plus(Duration.ofMinutes(5)), List.of(manual("swap-database"))));
    awaitState(window, v -> "swap-database".equals(v.waitingFor()));

    env.sleep(MaintenanceOrders.MANUAL_TIMEOUT.minusMinutes(1));
    assertThat(window.state().status()).isEqualTo(MaintenanceStatus.IN_PROGRESS);

    MaintenanceView view = result(window);
    assertThat(view.status()).isEqualTo(MaintenanceStatus.FAILED);
    assertThat(view.outcome()).contains("swap-database was not confirmed within 30m");
    assertThat(actions.performed).endsWith("maintenance-on", "maintenance-off");
  }

  @Test
  void anIncidentDeclaredDuringTheWindowIsInItsTimeline() {
    MaintenanceWindowWorkflow window =
        start(order("MW-12", now().plus(Duration.ofMinutes(5)), List.of(manual("swap-database"))));
    awaitState(window, v -> v.waitingFor() != null);

    window.recordIncident(
        new IncidentNotice("INC-20261123-4", "P1", "Checkout returns 500", "recoup-backend"));

    awaitState(
        window,
        v ->
            v.timeline().stream().anyMatch(e -> e.text().startsWith("P1 INC-20261123-4 declared")));
  }
}
