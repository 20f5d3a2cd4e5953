package dev.firebreak.workflows.playbook;

import static dev.firebreak.workflows.playbook.ActionOrders.START;
import static dev.firebreak.workflows.playbook.ActionOrders.WEB_HEALTH;
import static dev.firebreak.workflows.playbook.ActionOrders.action;
import static dev.firebreak.workflows.playbook.ActionOrders.approvalOrder;
import static dev.firebreak.workflows.playbook.ActionOrders.circuitBreaker;
import static dev.firebreak.workflows.playbook.ActionOrders.order;
import static dev.firebreak.workflows.playbook.ActionOrders.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.TimelineEntry;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import dev.firebreak.workflows.maintenance.ScriptedActions;
import dev.firebreak.workflows.rollback.Approval;
import dev.firebreak.workflows.rollback.ScriptedDeploys;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActionRunWorkflowTest {

  private final RecordingPlatform platform = new RecordingPlatform();
  private final ScriptedDeploys deploys = new ScriptedDeploys();
  private final ScriptedActions http = new ScriptedActions();
  private final ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
  private final RecordingChat chat = new RecordingChat();

  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(
              ActionRunWorkflowImpl.class, IncidentWorkflowImpl.class)
          .setActivityImplementations(
              new RecordingNotices(),
              platform,
              deploys,
              http,
              diagnostics,
              chat,
              new RecordingPager())
          .setInitialTime(START)
          .build();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  // ---- Each kind of step ---------------------------------------------------------------------

  @Test
  void anEnvActionWritesTheVariablesThenRedeploysAndWaitsUntilTheDeployIsLive() {
    ActionRunView view = result(start(order("k1", circuitBreaker())));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(platform.variables).containsEntry("ENABLE_MOCK_DATA", "true");
    assertThat(platform.envWrites).hasSize(1);
    assertThat(platform.redeployCalls)
        .singleElement()
        .satisfies(
            call ->
                assertThat(call.notBefore())
                    .isAfterOrEqualTo(START)
                    .isBeforeOrEqualTo(platform.deploys.get(0).createdAt()));
    assertThat(platform.watches)
        .singleElement()
        .satisfies(watch -> assertThat(watch.deployRef()).isEqualTo("dpl-1"));
    assertThat(diagnostics.healthChecks).containsExactly(WEB_HEALTH);
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .containsSubsequence(
            "Requested by alice: database is down",
            "Changed ENABLE_MOCK_DATA of ttml-web",
            "Started deploy dpl-1",
            "dpl-1 is live",
            "Circuit breaker (circuit-breaker) done and verified: [ttml-web] healthy.");
  }

  @Test
  void anEnvActionWhoseVariablesAlreadyHoldTheirValuesDoesNotRedeploy() {
    platform.variables.put("ENABLE_MOCK_DATA", "true");

    ActionRunView view = result(start(order("k1", circuitBreaker())));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(platform.envWrites).isEmpty();
    assertThat(platform.redeployCalls).isEmpty();
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .contains("Every variable already held what was asked, so nothing is redeployed.");
  }

  @Test
  void aRestartRestartsTheServiceOnce() {
    ActionRunView view = result(start(order("k1", step("restart"))));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(deploys.restarts).containsExactly(ActionOrders.API);
  }

  @Test
  void aScaleSetsTheInstanceCountItWasGiven() {
    ActionRunView view = result(start(order("k1", step("scale"))));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(platform.scales).containsExactly(new ScaleRequest(ActionOrders.API, 3));
  }

  @Test
  void aScaleToSomethingThatIsNotANumberFailsWithoutCallingThePlatform() {
    ActionRunView view = result(start(order("k1", new ActionStep.Scale(ActionOrders.API, "many"))));

    assertThat(view.status()).isEqualTo(ActionRunStatus.FAILED);
    assertThat(view.outcome()).contains("'many' is not a whole number");
    assertThat(platform.scales).isEmpty();
  }

  @Test
  void aRedeployStartsOneDeployAndWaitsUntilItIsLive() {
    ActionRunView view = result(start(order("k1", step("redeploy"))));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(platform.deploys).hasSize(1);
    assertThat(platform.watches).hasSize(1);
    assertThat(platform.envWrites).isEmpty();
  }

  @Test
  void anHttpActionMakesTheConfiguredCall() {
    ActionRunView view = result(start(order("k1", step("http"))));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(http.performed).containsExactly("raise-limit");
  }

  // ---- Provider failures ---------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"env", "scale", "redeploy"})
  void aPlatformThatIsBrieflyUnavailableIsRetriedAndChangedOnce(String kind) {
    platform.unavailable.set(2);

    ActionRunView view = result(start(order("k1", step(kind))));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(platform.envWrites).hasSizeLessThanOrEqualTo(1);
    assertThat(platform.deploys).hasSizeLessThanOrEqualTo(1);
    assertThat(platform.scales).hasSizeLessThanOrEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"env", "scale", "redeploy"})
  void aPlatformThatRefusesTheCallFailsTheRunAtOnceWithItsAnswer(String kind) {
    platform.refusal = "Vercel answered HTTP 401: invalid token";

    ActionRunView view = result(start(order("k1", step(kind))));

    assertThat(view.status()).isEqualTo(ActionRunStatus.FAILED);
    assertThat(view.outcome())
        .startsWith("🚨 Circuit breaker (circuit-breaker) FAILED: Vercel answered HTTP 401");
    assertThat(view.undo()).isNull();
    assertThat(diagnostics.healthChecks).isEmpty();
  }

  @Test
  void anHttpCallAnsweredWithAnUnexpectedStatusFailsTheRun() {
    http.failing.add("raise-limit");

    ActionRunView view = result(start(order("k1", step("http"))));

    assertThat(view.status()).isEqualTo(ActionRunStatus.FAILED);
    assertThat(view.outcome()).contains("HTTP 500");
  }

  // ---- Approval ------------------------------------------------------------------------------

  @Test
  void anActionThatNeedsApprovalWaitsAndRunsOnceSomeoneElseApproves() {
    ActionRunWorkflow run = start(approvalOrder("k1"));
    awaitStatus(run, ActionRunStatus.AWAITING_APPROVAL);
    env.sleep(Duration.ofMinutes(5));
    assertThat(platform.envWrites).isEmpty();

    ActionRunView approved = run.approve(new Approval("bob", "go"));

    assertThat(approved.approvedBy()).isEqualTo("bob");
    ActionRunView view = result(run);
    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(platform.envWrites).hasSize(1);
    assertThat(platform.redeployCalls)
        .singleElement()
        .satisfies(
            call -> assertThat(call.notBefore()).isAfterOrEqualTo(START.plusSeconds(5 * 60)));
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .contains(
            "Waiting up to 30m for approval by someone other than alice", "Approved by bob: go");
  }

  @Test
  void theRequesterCannotApproveTheirOwnRun() {
    ActionRunWorkflow run = start(approvalOrder("k1"));
    awaitStatus(run, ActionRunStatus.AWAITING_APPROVAL);

    assertThatThrownBy(() -> run.approve(new Approval("alice", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining(
            "alice requested this action run and cannot approve it; someone else must");
    assertThat(run.state().status()).isEqualTo(ActionRunStatus.AWAITING_APPROVAL);
    assertThat(run.state().approvedBy()).isNull();
  }

  @Test
  void aRefusedRunEndsWithoutTouchingAnything() {
    ActionRunWorkflow run = start(approvalOrder("k1"));
    awaitStatus(run, ActionRunStatus.AWAITING_APPROVAL);

    run.refuse(new Approval("bob", "the database is back"));

    ActionRunView view = result(run);
    assertThat(view.status()).isEqualTo(ActionRunStatus.REFUSED);
    assertThat(view.refusedBy()).isEqualTo("bob");
    assertThat(view.undo()).isNull();
    assertThat(platform.envWrites).isEmpty();
    assertThat(platform.redeployCalls).isEmpty();
  }

  @Test
  void anUnapprovedRunExpiresAtItsDeadlineAndNothingRuns() {
    ActionRunWorkflow run = start(approvalOrder("k1"));
    env.sleep(Duration.ofMinutes(29));
    assertThat(run.state().status()).isEqualTo(ActionRunStatus.AWAITING_APPROVAL);
    env.sleep(Duration.ofMinutes(2));

    ActionRunView view = result(run);
    assertThat(view.status()).isEqualTo(ActionRunStatus.EXPIRED);
    assertThat(view.outcome()).contains("nobody approved it within 30m");
    assertThat(platform.envWrites).isEmpty();
    assertThatThrownBy(() -> run.approve(new Approval("bob", null)))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void aDecisionOnARunThatDoesNotWaitForOneIsRefused() {
    ActionRunWorkflow run = start(order("k1", circuitBreaker()));
    result(run);

    assertThatThrownBy(() -> run.refuse(new Approval("bob", null)))
        .isInstanceOf(RuntimeException.class);
  }

  // ---- Verify, undo, dry-run -----------------------------------------------------------------

  @Test
  void aRunWhoseChecksStillFailIsUnverifiedAfterThreeRoundsAndOffersItsUndo() {
    diagnostics.healthy = false;

    ActionRunView view = result(start(order("k1", circuitBreaker())));

    assertThat(view.status()).isEqualTo(ActionRunStatus.UNVERIFIED);
    assertThat(view.outcome())
        .startsWith("⚠️ Circuit breaker (circuit-breaker) ran but is NOT VERIFIED after 3 rounds")
        .contains("ttml-web unhealthy (database=error)");
    assertThat(diagnostics.healthChecks).hasSize(3);
    assertThat(view.undo()).isEqualTo("circuit-breaker-off");
  }

  @Test
  void theUndoIsOfferedOnceTheRunSucceededAndNotBefore() {
    ActionRunWorkflow run = start(approvalOrder("k1"));
    awaitStatus(run, ActionRunStatus.AWAITING_APPROVAL);
    assertThat(run.state().undo()).isNull();

    run.approve(new Approval("bob", null));

    assertThat(result(run).undo()).isEqualTo("circuit-breaker-off");
  }

  @Test
  void anUndoRunNamesTheRunItRevertsInItsViewAndSteps() {
    ActionOrder first = order("k1", circuitBreaker());
    ActionOrder undo =
        new ActionOrder(
            first.incidentId(),
            first.playbook(),
            action(
                "circuit-breaker-off",
                new ActionStep.Env(ActionOrders.WEB, Map.of(), List.of("ENABLE_MOCK_DATA")),
                null),
            Map.of(),
            "database is back",
            "alice",
            List.of("responder"),
            List.of(),
            "k2",
            first.workflowId());

    ActionRunView view = result(start(undo));

    assertThat(view.undoes()).isEqualTo("action-INC-1-k1");
    assertThat(view.steps()).extracting(ActionRunStep::text).contains("Undoes action-INC-1-k1");
  }

  @Test
  void anActionWithNoChecksSucceedsOnItsStepAlone() {
    ActionRunView view =
        result(start(order("k1", action("circuit-breaker", circuitBreaker(), null), List.of())));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(diagnostics.healthChecks).isEmpty();
  }

  @Test
  void onAPlatformThatIsNotConfiguredTheRunIsADryRunAndSaysSoInEveryStep() {
    platform.dryRun = true;

    ActionRunView view = result(start(order("k1", circuitBreaker())));

    assertThat(view.dryRun()).isTrue();
    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .contains(
            "Dry run: dry-run: would set ENABLE_MOCK_DATA", "Dry run: dry-run: would redeploy");
    assertThat(view.outcome()).endsWith("(Dry run: the provider is not configured.)");
    assertThat(platform.variables).isEmpty();
  }

  // ---- A lost answer ------------------------------------------------------------------------

  @Test
  void aRedeployWhoseAnswerWasLostIsAdoptedByTheRetryInsteadOfDeployingTwice() {
    platform.answersLost.set(1);

    ActionRunView view = result(start(order("k1", circuitBreaker())));

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(platform.envWrites).hasSize(1);
    assertThat(platform.deploys).hasSize(1);
    assertThat(platform.redeployCalls).hasSize(2);
    assertThat(view.steps()).extracting(ActionRunStep::text).contains("Adopted deploy dpl-1");
  }

  // ---- With its incident ---------------------------------------------------------------------

  @Test
  void anIncidentRunsTheActionAsAChildAsksForApprovalInItsRoomAndListsTheSuccessInThePostMortem() {
    IncidentWorkflow incident = declareIncident();
    ActionOrder order = approvalOrder("k1");

    incident.runAction(order);
    ActionRunWorkflow run = client.newWorkflowStub(ActionRunWorkflow.class, order.workflowId());
    awaitStatus(run, ActionRunStatus.AWAITING_APPROVAL);
    env.sleep(Duration.ofSeconds(1));
    assertThat(chat.approvals)
        .singleElement()
        .satisfies(
            asked -> {
              assertThat(asked.subjectId()).isEqualTo("action-INC-1-k1");
              assertThat(asked.channel()).isEqualTo(RecordingChat.ROOM);
              assertThat(asked.incidentId()).isEqualTo("INC-1");
              assertThat(asked.text())
                  .contains("Approve Circuit breaker (circuit-breaker)?")
                  .contains("alice asks to run it: database is down")
                  .contains("Anyone but alice with the role admin may approve or refuse")
                  .contains("within 30m");
            });
    run.approve(new Approval("bob", "go"));
    result(run);
    env.sleep(Duration.ofSeconds(1));

    List<TimelineEntry> actions =
        incident.timeline().stream().filter(e -> e.kind().startsWith("action")).toList();
    assertThat(actions)
        .extracting(TimelineEntry::kind)
        .containsExactly("action-requested", "action", "action");
    assertThat(actions.get(2).text())
        .startsWith("Circuit breaker (circuit-breaker) done and verified")
        .contains("Asked by alice, approved by bob.")
        .contains("Sent: Changed ENABLE_MOCK_DATA of ttml-web; Started deploy dpl-1.")
        .contains("Undo with the action circuit-breaker-off.");
    assertThat(chat.texts())
        .anyMatch(text -> text.startsWith("Circuit breaker (circuit-breaker) done and verified"));
    String postMortem = incident.postMortem();
    assertThat(postMortem.substring(postMortem.indexOf("## Resolution")))
        .contains("Mitigations applied:")
        .contains("Action circuit-breaker: Circuit breaker (circuit-breaker) done and verified");
  }

  @Test
  void aRunThatDidNotSucceedIsInTheTimelineButNotAmongTheMitigations() {
    IncidentWorkflow incident = declareIncident();
    platform.refusal = "Vercel answered HTTP 401: invalid token";
    ActionOrder order = order("k1", circuitBreaker());

    incident.runAction(order);
    result(client.newWorkflowStub(ActionRunWorkflow.class, order.workflowId()));
    env.sleep(Duration.ofSeconds(1));

    assertThat(incident.timeline())
        .filteredOn(e -> e.kind().equals("action"))
        .singleElement()
        .satisfies(e -> assertThat(e.text()).contains("FAILED: Vercel answered HTTP 401"));
    assertThat(incident.state().mitigations()).isEmpty();
  }

  // ---- Helpers -------------------------------------------------------------------------------

  private IncidentWorkflow declareIncident() {
    IncidentWorkflow incident =
        client.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId("INC-1"))
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(
        incident::run,
        IncidentInput.declared(
            IncidentPolicies.declaration("INC-1", Severity.P1), IncidentPolicies.recoup()));
    return incident;
  }

  private ActionRunWorkflow start(ActionOrder order) {
    ActionRunWorkflow run =
        client.newWorkflowStub(
            ActionRunWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(order.workflowId())
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(run::run, order);
    return run;
  }

  private static ActionRunView result(ActionRunWorkflow run) {
    return WorkflowStub.fromTyped(run).getResult(ActionRunView.class);
  }

  private void awaitStatus(ActionRunWorkflow run, ActionRunStatus status) {
    for (int i = 0; i < 100 && run.state().status() != status; i++) {
      env.sleep(Duration.ofMillis(100));
    }
    assertThat(run.state().status()).isEqualTo(status);
  }
}
