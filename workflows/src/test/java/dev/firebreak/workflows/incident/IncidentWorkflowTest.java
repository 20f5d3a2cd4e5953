package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.diagnostics.Deployment;
import dev.firebreak.workflows.maintenance.IncidentNotice;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowTargetOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class IncidentWorkflowTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;
  private final RecordingChat chat = new RecordingChat();
  private final RecordingPager pager = new RecordingPager();
  private final ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
  private final RecordingNotices notices = new RecordingNotices();

  /**
   * A server, worker and task queue of its own for each test; prints the workflows' histories when
   * one fails.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(IncidentWorkflowImpl.class)
          .setActivityImplementations(chat, pager, diagnostics, notices)
          .build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  private IncidentWorkflow declare(String id, Severity severity, IncidentPolicy policy) {
    IncidentWorkflow incident =
        client.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId(id))
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(
        incident::run, IncidentInput.declared(IncidentPolicies.declaration(id, severity), policy));
    return incident;
  }

  private IncidentWorkflow declareP1(String id) {
    return declare(id, Severity.P1, IncidentPolicies.recoup());
  }

  @Test
  void announcesAndPagesPrimaryOnDeclare() {
    IncidentWorkflow incident = declareP1("INC-1");
    env.sleep(Duration.ofSeconds(5));

    assertThat(chat.cards).isNotEmpty();
    assertThat(chat.cards.get(0).title()).isEqualTo("Checkout returns 500");
    assertThat(pager.escalations()).containsExactly("r1-l1");
    assertThat(pager.pages.get(0).targets()).containsExactly("slack:U0PRIMARY");
    assertThat(incident.state().status()).isEqualTo(IncidentStatus.DECLARED);
  }

  @Test
  void updatesAssessmentPagesAndThePostMortemFollowTheIncidentMessageIntoItsRoom() {
    IncidentWorkflow incident = declareP1("INC-ROOM");
    env.sleep(Duration.ofMinutes(16));
    incident.acknowledge(new Acknowledgement("bob"));
    incident.postUpdate(new ResponderUpdate("bob", "Found it", null, null));
    env.sleep(Duration.ofMinutes(1));
    incident.resolve(new Resolution("bob", "fixed", null));
    env.sleep(Duration.ofMinutes(16));

    assertThat(chat.posts)
        .isNotEmpty()
        .allSatisfy(post -> assertThat(post.channel()).isEqualTo(RecordingChat.ROOM));
    assertThat(chat.posts)
        .filteredOn(post -> post.key().contains("/assessment-"))
        .singleElement()
        .satisfies(assessment -> assertThat(assessment.threadTs()).isNull());
    assertThat(chat.posts)
        .filteredOn(post -> post.key().matches(".*/update-\\d+"))
        .singleElement()
        .satisfies(update -> assertThat(update.threadTs()).isEqualTo("1700000000.000100"));
    assertThat(chat.posts)
        .filteredOn(post -> post.bookmark() != null)
        .singleElement()
        .satisfies(
            postMortem -> {
              assertThat(postMortem.key()).contains("/post-mortem-");
              assertThat(postMortem.bookmark()).isEqualTo("Post-mortem INC-ROOM");
            });
    // The first page leaves before the incident message exists; the escalation after it follows the
    // message.
    assertThat(pager.pages.get(0).channel()).isEqualTo(IncidentPolicies.recoup().channel());
    assertThat(pager.pages.get(1).channel()).isEqualTo(RecordingChat.ROOM);
  }

  @Test
  void aNoticeToTheWindowsThatFailsNeitherHoldsUpNorFailsTheDeclaration() {
    notices.failing = true;
    IncidentWorkflow incident = declareP1("INC-N-FAILS");
    env.sleep(Duration.ofSeconds(5));

    assertThat(chat.cards).isNotEmpty();
    assertThat(pager.escalations()).containsExactly("r1-l1");
    assertThat(incident.state().status()).isEqualTo(IncidentStatus.DECLARED);
    assertThat(notices.notices).isEmpty();
    // The first workflow task waits for the notice, so its retries are bounded: two attempts.
    assertThat(notices.attempts).hasValue(2);
  }

  @ParameterizedTest
  @CsvSource({"P0, true", "P1, true", "P2, false", "P3, false", "P4, false"})
  void aCriticalIncidentTellsTheRunningMaintenanceWindowsItselfAndOthersDoNot(
      Severity severity, boolean told) {
    declare("INC-N-" + severity, severity, IncidentPolicies.recoup());
    env.sleep(Duration.ofSeconds(5));

    assertThat(notices.notices)
        .isEqualTo(
            told
                ? List.of(
                    new IncidentNotice(
                        "INC-N-" + severity,
                        severity.name(),
                        "Checkout returns 500",
                        "recoup-backend"))
                : List.of());
  }

  @Test
  void theMemoCarriesTheCurrentStatusAndSeveritySoAListNeedsNoQuery() {
    IncidentWorkflow incident = declareP1("INC-MEMO");
    env.sleep(Duration.ofSeconds(5));
    WorkflowStub stub = WorkflowStub.fromTyped(incident);
    assertThat(stub.describe().getMemo(IncidentMemo.STATUS, String.class)).isEqualTo("DECLARED");

    incident.acknowledge(new Acknowledgement("bob"));
    incident.changeSeverity(new SeverityChange("bob", Severity.P2, "contained"));
    env.sleep(Duration.ofSeconds(5));

    WorkflowExecutionDescription described = stub.describe();
    assertThat(described.getMemo(IncidentMemo.STATUS, String.class))
        .isEqualTo(incident.state().status().name());
    assertThat(described.getMemo(IncidentMemo.SEVERITY, String.class)).isEqualTo("P2");
  }

  /**
   * The API starts a declaration with its status in the memo and its search attributes set, so the
   * incident's first workflow task writes neither again; the first change writes both.
   */
  @Test
  void aDeclarationThatStartsWithItsMemoAndSearchAttributesDoesNotWriteThemAgain()
      throws Exception {
    IncidentSearchAttributes.ALL.forEach(
        key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
    Declaration declaration =
        IncidentPolicies.declaration("INC-STARTED-WITH", Severity.P1)
            .issued("INC-STARTED-WITH", Instant.ofEpochMilli(env.currentTimeMillis()));
    IncidentWorkflow incident =
        client.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId(declaration.id()))
                .setTaskQueue(taskQueue)
                .setMemo(IncidentMemo.declared(declaration))
                .setTypedSearchAttributes(
                    IncidentSearchAttributes.atDeclaration(declaration, true, null))
                .build());
    WorkflowClient.start(
        incident::run,
        IncidentInput.declared(declaration, IncidentPolicies.recoupWithSearchAttributes()));
    env.sleep(Duration.ofSeconds(5));
    List<EventType> declared = eventTypes(declaration.id());

    incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofSeconds(5));

    assertThat(declared)
        .contains(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .doesNotContain(
            EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED,
            EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);
    assertThat(eventTypes(declaration.id()))
        .contains(
            EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED,
            EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);
    WorkflowExecutionDescription described = WorkflowStub.fromTyped(incident).describe();
    assertThat(described.getMemo(IncidentMemo.STATUS, String.class)).isEqualTo("MITIGATING");
    assertThat(described.getTypedSearchAttributes().get(IncidentSearchAttributes.STATUS))
        .isEqualTo("MITIGATING");
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(IncidentWorkflow.workflowId(declaration.id())),
        IncidentWorkflowImpl.class);
  }

  private List<EventType> eventTypes(String id) {
    return client.fetchHistory(IncidentWorkflow.workflowId(id)).getEvents().stream()
        .map(HistoryEvent::getEventType)
        .toList();
  }

  @Test
  void acknowledgedBeforeTheTimeoutPagesOnlyThePrimary() {
    IncidentWorkflow incident = declareP1("INC-2");
    env.sleep(Duration.ofMinutes(10));
    IncidentView view = incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofHours(2));

    assertThat(view.acknowledgedBy()).isEqualTo("bob");
    assertThat(pager.escalations()).containsExactly("r1-l1");
    assertThat(incident.state().commander()).isEqualTo("bob");
  }

  @Test
  void escalatesThroughEveryLevelThenRepeatsTheChainThenStops() {
    IncidentWorkflow incident = declareP1("INC-3");
    env.sleep(Duration.ofMinutes(15 * 7 + 1));

    assertThat(pager.escalations())
        .containsExactly("r1-l1", "r1-l2", "r1-l3", "r2-l1", "r2-l2", "r2-l3");
    assertThat(pager.pages.get(1).targets()).containsExactly("slack:U0SECONDARY");
    assertThat(chat.texts()).anyMatch(t -> t.contains("Nobody acknowledged INC-3 after 2 rounds"));
    assertThat(incident.state().timeline())
        .extracting(TimelineEntry::kind)
        .contains("escalation-exhausted");
  }

  @Test
  void aCriticalIncidentWaitsEachLevelsOwnTimeAndPagesTheCriticalOnlyLevel() {
    declare("INC-40", Severity.P0, IncidentPolicies.recoupWithPolicy());
    env.sleep(Duration.ofMinutes(16));
    assertThat(pager.escalations()).containsExactly("r1-l1", "r1-l2");

    env.sleep(Duration.ofMinutes(58));
    assertThat(pager.escalations()).containsExactly("r1-l1", "r1-l2");

    env.sleep(Duration.ofMinutes(2));
    assertThat(pager.escalations()).containsExactly("r1-l1", "r1-l2", "r1-l3");

    env.sleep(Duration.ofMinutes(5));
    assertThat(pager.escalations()).containsExactly("r1-l1", "r1-l2", "r1-l3", "r2-l1");
  }

  @Test
  void aMajorIncidentSkipsTheCriticalOnlyLevelAndRepeatsTheRestOfThePolicy() {
    declare("INC-41", Severity.P1, IncidentPolicies.recoupWithPolicy());
    env.sleep(Duration.ofMinutes(4 * 15 + 1));

    assertThat(pager.escalations()).containsExactly("r1-l1", "r1-l2", "r2-l1", "r2-l2");
    assertThat(pager.pages).noneMatch(p -> p.targets().contains("call:+15550100"));
  }

  @Test
  void acknowledgingMidEscalationStopsItAtOnce() {
    IncidentWorkflow incident = declareP1("INC-4");
    env.sleep(Duration.ofMinutes(16));
    assertThat(pager.escalations()).containsExactly("r1-l1", "r1-l2");

    incident.acknowledge(new Acknowledgement("carol"));
    env.sleep(Duration.ofHours(3));

    assertThat(pager.escalations()).containsExactly("r1-l1", "r1-l2");
    assertThat(incident.state().escalationLevel()).isEqualTo(2);
  }

  @Test
  void secondAcknowledgementIsRefusedWithWhoAcknowledged() {
    IncidentWorkflow incident = declareP1("INC-5");
    incident.acknowledge(new Acknowledgement("bob"));

    assertThatThrownBy(() -> incident.acknowledge(new Acknowledgement("eve")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("already acknowledged by bob");
  }

  @Test
  void missedUpdatesAreRemindedThenEscalatedAndAnUpdateResetsTheTimer() {
    IncidentWorkflow incident = declareP1("INC-6");
    incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofMinutes(16));
    assertThat(chat.texts()).anyMatch(t -> t.startsWith("⏰ bob: no update on INC-6"));
    assertThat(pager.missedUpdatePages()).isEmpty();

    env.sleep(Duration.ofMinutes(15));
    assertThat(pager.missedUpdatePages()).hasSize(1);
    assertThat(pager.missedUpdatePages().get(0).levelName()).isEqualTo("secondary");

    incident.postUpdate(
        new ResponderUpdate("bob", "Stripe webhook secret rotated", "04:30 UTC", "redeploying"));
    long remindersBefore = chat.texts().stream().filter(t -> t.startsWith("⏰")).count();
    env.sleep(Duration.ofMinutes(14));
    assertThat(chat.texts().stream().filter(t -> t.startsWith("⏰")).count())
        .isEqualTo(remindersBefore);
    assertThat(chat.texts())
        .anyMatch(
            t ->
                t.contains("📊 UPDATE from bob: Stripe webhook secret rotated")
                    && t.contains("ETA: 04:30 UTC"));
    assertThat(chat.latestCard().latestUpdate()).contains("Stripe webhook secret rotated");
  }

  @Test
  void beforeAnyAcknowledgementTheUpdateReminderGoesToThePagedLevelNotTheNamedCommander() {
    IncidentWorkflow incident =
        client.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId("INC-7"))
                .setTaskQueue(taskQueue)
                .build());
    Declaration named =
        new Declaration(
            "INC-7",
            "Checkout returns 500",
            Severity.P1,
            "recoup-backend",
            "Stripe webhooks failing",
            "dana",
            "alice",
            (Instant) null);
    WorkflowClient.start(incident::run, IncidentInput.declared(named, IncidentPolicies.recoup()));
    env.sleep(Duration.ofMinutes(16));

    assertThat(chat.texts())
        .filteredOn(t -> t.startsWith("⏰"))
        .singleElement()
        .asString()
        .startsWith("⏰ secondary on call (slack:U0SECONDARY): no update on INC-7 for 15m")
        .contains("Acknowledge it, then post an update")
        .doesNotContain("dana");

    incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofMinutes(16));
    assertThat(chat.texts())
        .filteredOn(t -> t.startsWith("⏰"))
        .last()
        .asString()
        .startsWith("⏰ dana: no update on INC-7");
  }

  @Test
  void assessmentSuggestsRollbackAfterARecentDeployAndWatchingADegradedProvider() {
    diagnostics.dependencyDegraded = true;
    IncidentWorkflow incident = declareP1("INC-7");
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    diagnostics.deployments =
        List.of(
            new Deployment("dep-new", now.minus(Duration.ofMinutes(20)), "live", "abc123", null),
            new Deployment(
                "dep-old", now.minus(Duration.ofDays(1)), "deactivated", "def456", null));

    incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofSeconds(5));

    IncidentView view = incident.state();
    assertThat(view.status()).isEqualTo(IncidentStatus.MITIGATING);
    assertThat(view.suggestions())
        .extracting(Suggestion::kind)
        .containsExactlyInAnyOrder("rollback", "watch-status-page");
    assertThat(view.suggestions())
        .filteredOn(s -> s.kind().equals("rollback"))
        .singleElement()
        .satisfies(s -> assertThat(s.target()).isEqualTo("dep-old"));
    assertThat(chat.texts())
        .anyMatch(t -> t.startsWith("🔎 *Assessment") && t.contains("Roll back recoup-backend"));
    assertThat(view.timeline())
        .extracting(TimelineEntry::kind)
        .contains("diagnostic", "assessment");
  }

  static List<ApplicationFailure> providerFailures() {
    return List.of(
        ApplicationFailure.newNonRetryableFailure(
            "Render answered HTTP 401: invalid API key", "ProviderRejected"),
        ApplicationFailure.newFailure(
            "Render answered HTTP 503: try later", "ProviderUnavailable"));
  }

  @ParameterizedTest
  @MethodSource("providerFailures")
  void aFailedDiagnosticShowsTheProvidersMessageInTheTimelineNotTemporalsWrapping(
      ApplicationFailure failure) {
    diagnostics.deploysFailWith = failure;
    IncidentWorkflow incident = declareP1("INC-FAIL");
    incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofMinutes(2));

    List<String> lines = incident.timeline().stream().map(TimelineEntry::text).toList();
    assertThat(lines)
        .anyMatch(line -> line.contains("could not list deploys: " + failure.getOriginalMessage()));
    assertThat(lines)
        .noneMatch(line -> line.contains("message='") || line.contains("nonRetryable="));
  }

  @Test
  void resolveIsRefusedWhileHealthChecksFail() {
    IncidentWorkflow incident = declareP1("INC-8");
    incident.acknowledge(new Acknowledgement("bob"));
    diagnostics.healthy = false;

    assertThatThrownBy(() -> incident.resolve(new Resolution("bob", "fixed", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("health checks failing")
        .hasMessageContaining("database=error");
    assertThat(incident.state().status())
        .isIn(IncidentStatus.ACKNOWLEDGED, IncidentStatus.ASSESSING, IncidentStatus.MITIGATING);
    assertThat(incident.state().timeline())
        .extracting(TimelineEntry::kind)
        .contains("resolve-refused");
  }

  @Test
  void aFailingCheckDuringMonitoringReopensTheIncidentIntoMitigating() {
    IncidentWorkflow incident = declareP1("INC-9");
    incident.acknowledge(new Acknowledgement("bob"));
    IncidentView resolved = incident.resolve(new Resolution("bob", "rolled back", null));
    assertThat(resolved.status()).isEqualTo(IncidentStatus.MONITORING);

    env.sleep(Duration.ofMinutes(3));
    diagnostics.healthy = false;
    env.sleep(Duration.ofMinutes(2));

    IncidentView view = incident.state();
    assertThat(view.status()).isEqualTo(IncidentStatus.MITIGATING);
    assertThat(view.resolvedAt()).isNull();
    assertThat(chat.texts())
        .anyMatch(
            t -> t.contains("reopened into mitigating: health check failed during monitoring"));
  }

  @Test
  void postMortemFollowsTheTemplateWithTheTimelineInOrderAndTheDurations() {
    IncidentWorkflow incident = declareP1("INC-10");
    env.sleep(Duration.ofMinutes(4));
    incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofMinutes(10));
    incident.postUpdate(
        new ResponderUpdate("bob", "Webhook secret mismatch found", "15 min", "rotating secret"));
    incident.recordMitigation(
        new Mitigation("bob", "Rotated STRIPE_WEBHOOK_SECRET", "and redeployed"));
    incident.contributeToPostMortem(
        new PostMortemInput(
            "bob",
            "12% of checkouts failed for 30 minutes",
            null,
            null,
            List.of("Alert on webhook signature failures"),
            "Secrets need an owner"));
    env.sleep(Duration.ofMinutes(16));
    incident.resolve(
        new Resolution(
            "bob", "Webhooks delivered again", "Secret rotated without updating Render"));
    env.sleep(Duration.ofMinutes(16));

    IncidentView view = incident.state();
    assertThat(view.status()).isEqualTo(IncidentStatus.POST_MORTEM);
    String report = incident.postMortem();
    assertThat(report)
        .startsWith("# Incident Report: Checkout returns 500")
        .contains("**Severity**: P1")
        .contains("**Time to acknowledge**: 4m")
        .contains("**Time to resolve**: 30m")
        .contains("**Duration**: 00:30:00")
        .contains("## Root Cause\nSecret rotated without updating Render")
        .contains("- **Impact**: 12% of checkouts failed for 30 minutes")
        .contains("- [ ] Alert on webhook signature failures")
        .contains("Rotated STRIPE_WEBHOOK_SECRET: and redeployed (bob)");
    List<String> kinds = view.timeline().stream().map(TimelineEntry::kind).toList();
    assertThat(kinds)
        .containsSubsequence(
            "declared",
            "paged",
            "acknowledged",
            "assessment",
            "update",
            "mitigation",
            "resolved",
            "monitoring-passed",
            "post-mortem");
    assertThat(report.indexOf("Acknowledged by bob")).isLessThan(report.indexOf("Resolved by bob"));
    assertThat(chat.texts()).anyMatch(t -> t.startsWith("# Incident Report: Checkout returns 500"));

    env.sleep(Duration.ofHours(13));
    assertThat(chat.texts())
        .anyMatch(t -> t.startsWith("📝 bob: the post-mortem of INC-10 awaits review"));

    incident.markPostMortemReviewed(new PostMortemReview("dave"));
    IncidentOutcome outcome = WorkflowStub.fromTyped(incident).getResult(IncidentOutcome.class);
    assertThat(outcome.timeToAcknowledge())
        .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(4).plusSeconds(1));
    assertThat(outcome.timeToResolve())
        .isBetween(Duration.ofMinutes(30), Duration.ofMinutes(30).plusSeconds(1));
    assertThat(incident.state().status()).isEqualTo(IncidentStatus.CLOSED);
  }

  @Test
  void invalidTransitionsAreRefusedWithAClearMessage() {
    IncidentWorkflow incident = declareP1("INC-11");

    assertThatThrownBy(() -> incident.reopen(new Reopening("bob", "still broken")))
        .rootCause()
        .hasMessageContaining("only a resolved incident");
    assertThatThrownBy(() -> incident.markPostMortemReviewed(new PostMortemReview("bob")))
        .rootCause()
        .hasMessageContaining("once monitoring has passed");
    assertThatThrownBy(() -> incident.postUpdate(new ResponderUpdate("bob", " ", null, null)))
        .rootCause()
        .hasMessageContaining("'text' is required");
    assertThatThrownBy(() -> incident.acknowledge(new Acknowledgement("")))
        .rootCause()
        .hasMessageContaining("'by' is required");
    assertThatThrownBy(() -> incident.changeSeverity(new SeverityChange("bob", Severity.P1, null)))
        .rootCause()
        .hasMessageContaining("already P1");
  }

  @Test
  void raisingTheSeverityOfAQuietIncidentStartsPaging() {
    IncidentWorkflow incident = declare("INC-12", Severity.P4, IncidentPolicies.recoup());
    env.sleep(Duration.ofMinutes(1));
    assertThat(pager.pages).isEmpty();

    incident.changeSeverity(new SeverityChange("bob", Severity.P1, "payments down"));
    env.sleep(Duration.ofMinutes(16));

    assertThat(pager.escalations()).containsExactly("r1-l1", "r1-l2");
    assertThat(incident.state().severity()).isEqualTo(Severity.P1);
  }

  @Test
  void continueAsNewCarriesTheWholeState() {
    IncidentWorkflow incident = declare("INC-13", Severity.P1, IncidentPolicies.recoup(40));
    String firstRun = WorkflowStub.fromTyped(incident).getExecution().getRunId();
    // Acknowledged once the page is out: an acknowledgement that overtakes the declaration pages
    // nobody.
    env.sleep(Duration.ofSeconds(5));
    incident.acknowledge(new Acknowledgement("bob"));
    for (int i = 1; i <= 8; i++) {
      incident.postUpdate(new ResponderUpdate("bob", "update " + i, null, null));
      env.sleep(Duration.ofMinutes(5));
    }

    IncidentWorkflow latest =
        client.newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId("INC-13"));
    String latestRun = WorkflowStub.fromTyped(latest).describe().getExecution().getRunId();
    assertThat(latestRun).isNotEqualTo(firstRun);
    WorkflowExecutionDescription first =
        client
            .newUntypedWorkflowStub(
                WorkflowTargetOptions.newBuilder()
                    .setWorkflowId(IncidentWorkflow.workflowId("INC-13"))
                    .setRunId(firstRun)
                    .build())
            .describe();
    assertThat(first.getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);

    IncidentView view = latest.state();
    assertThat(view.acknowledgedBy()).isEqualTo("bob");
    assertThat(view.latestUpdate()).isEqualTo("update 8");
    assertThat(view.timeline()).extracting(TimelineEntry::kind).startsWith("declared");
    assertThat(view.timeline().stream().filter(e -> e.kind().equals("update")).count())
        .isEqualTo(8);
    assertThat(pager.escalations()).containsExactly("r1-l1");
  }
}
