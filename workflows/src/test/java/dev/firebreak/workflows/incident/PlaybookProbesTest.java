package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.diagnostics.Probe;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import dev.firebreak.workflows.notify.MessageControls;
import dev.firebreak.workflows.playbook.ActionOrders;
import dev.firebreak.workflows.playbook.ActionRunReport;
import dev.firebreak.workflows.playbook.ActionRunStatus;
import dev.firebreak.workflows.playbook.ActionSpec;
import dev.firebreak.workflows.playbook.PlaybookMatch;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A playbook's probes in the incident, on a time-skipping server pinned to a fixed start: the
 * assessment runs them all and says which are critical; only a failing critical probe refuses a
 * resolve. And what the incident posts about its playbook: the card with its checklist and action
 * controls, an action run's report with its Undo button.
 */
class PlaybookProbesTest {

  private static final Instant START = Instant.parse("2026-12-04T03:00:00Z");

  private final RecordingChat chat = new RecordingChat();
  private final ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();

  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(IncidentWorkflowImpl.class)
          .setActivityImplementations(
              new RecordingNotices(),
              chat,
              new RecordingPager(),
              diagnostics,
              new ScriptedErrorCounts())
          .setInitialTime(START)
          .build();

  private WorkflowClient client;
  private String taskQueue;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  static PlaybookSpec payments() {
    return new PlaybookSpec(
        "payments",
        "Payment processing broken",
        PlaybookMatch.never(),
        "Checkout fails",
        List.of(
            probe("db", Probe.HTTP, true),
            probe("stripe", Probe.STATUS_PAGE, false),
            new Probe(
                "errors",
                Probe.ERRORS,
                null,
                "recoup-backend",
                0,
                List.of(),
                10,
                Duration.ofSeconds(10),
                false,
                "42",
                null,
                null)),
        List.of(),
        List.of("Check Stripe"),
        List.of());
  }

  private static Probe probe(String name, String kind, boolean critical) {
    return new Probe(
        name,
        kind,
        "https://" + name + ".test/health",
        null,
        0,
        List.of("$.status == \"pass\""),
        0,
        Duration.ofSeconds(10),
        critical,
        null,
        null,
        null);
  }

  private IncidentWorkflow declare(String id) {
    return declare(id, payments());
  }

  private IncidentWorkflow declare(String id, PlaybookSpec playbook) {
    IncidentWorkflow incident =
        client.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId(id))
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(
        incident::run,
        IncidentInput.declared(
            IncidentPolicies.declaration(id, Severity.P2),
            IncidentPolicies.recoup().withPlaybook(playbook)));
    return incident;
  }

  @Test
  void theAssessmentRunsEveryProbeAndSaysWhichAreCritical() {
    diagnostics.failingProbes.add("stripe");
    IncidentWorkflow incident = declare("INC-PROBES");
    incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofMinutes(1));

    assertThat(diagnostics.probes)
        .extracting(Probe::name)
        .containsExactlyInAnyOrder("db", "stripe");
    assertThat(incident.timeline())
        .extracting(TimelineEntry::text)
        .contains(
            "Probe db (http, critical): passed — HTTP 200",
            "Probe stripe (status-page, not critical): FAILED — HTTP 200, $.status is \"fail\" (expected $.status == \"pass\")",
            "Probe errors (errors, not critical): FAILED — Errors of recoup-backend (Sentry project 42): 42 in the last 15m (more than 10)")
        .anyMatch(text -> text.endsWith("1/3 playbook probes passed"));
  }

  @Test
  void aPlaybookThatMatchedAtDeclarationIsPostedWithItsSymptomsAndChecklist() {
    IncidentWorkflow incident = declare("INC-CARD");
    env.sleep(Duration.ofSeconds(5));

    assertThat(chat.posts)
        .filteredOn(post -> post.key().contains("/playbook-"))
        .singleElement()
        .satisfies(
            post ->
                assertThat(post.text())
                    .isEqualTo(
                        "📖 Playbook payments (Payment processing broken)\n*Symptoms:* Checkout fails"
                            + "\n1. Check Stripe"))
        .satisfies(
            post -> assertThat(post.controls()).isEqualTo(MessageControls.playbook(payments())));
    assertThat(incident.state().playbook().checklist())
        .containsExactly(new ChecklistItem("Check Stripe", null, null));
  }

  @Test
  void anAttachedPlaybookIsPostedWithItsChecklistAndActionsAsControls() {
    IncidentWorkflow incident = declare("INC-ATTACH");
    PlaybookSpec breaker = breaker();

    incident.attachPlaybook(new PlaybookAttachment(breaker, "bob"));
    env.sleep(Duration.ofSeconds(5));

    assertThat(chat.posts)
        .filteredOn(post -> post.text().contains(" attached (instead of payments) by bob"))
        .singleElement()
        .satisfies(
            post -> assertThat(post.controls()).isEqualTo(MessageControls.playbook(breaker)));
  }

  /**
   * Only a run that succeeded and whose action names an undo offers the Undo button; every other
   * ending (and an action without undo) is reported as text alone.
   */
  @ParameterizedTest(name = "{0} of {1}")
  @CsvSource({
    "SUCCEEDED, circuit-breaker, true",
    "SUCCEEDED, circuit-breaker-off, false",
    "UNVERIFIED, circuit-breaker, false",
    "FAILED, circuit-breaker, false",
    "REFUSED, circuit-breaker, false",
    "EXPIRED, circuit-breaker, false"
  })
  void aRunsReportOffersUndoOnlyWhenItSucceededAndItsActionNamesAnUndo(
      ActionRunStatus status, String action, boolean undo) {
    IncidentWorkflow incident = declare("INC-UNDO-" + status + "-" + action, breaker());
    String runId = "action-INC-UNDO-k1";

    incident.recordActionRun(
        new ActionRunReport(runId, action, status, "alice", "The run of " + action + " ended."));
    env.sleep(Duration.ofSeconds(5));

    assertThat(chat.posts)
        .filteredOn(post -> post.text().startsWith("The run of"))
        .singleElement()
        .satisfies(
            post ->
                assertThat(post.controls()).isEqualTo(undo ? MessageControls.undo(runId) : null));
  }

  /** The circuit breaker playbook: its action names an undo, the undo itself names none. */
  private static PlaybookSpec breaker() {
    return new PlaybookSpec(
        "breaker",
        "Database down",
        PlaybookMatch.never(),
        "Pages fail to load",
        List.of(),
        List.of(
            ActionOrders.action("circuit-breaker", ActionOrders.circuitBreaker(), null),
            new ActionSpec(
                "circuit-breaker-off",
                "Serve real data",
                List.of(),
                null,
                null,
                List.of(),
                ActionOrders.circuitBreaker(),
                List.of(),
                null)),
        List.of("Check the database", "Tell support"),
        List.of());
  }

  @Test
  void aFailingProbeThatIsNotCriticalDoesNotRefuseTheResolve() {
    diagnostics.failingProbes.add("stripe");
    IncidentWorkflow incident = declare("INC-NOT-CRITICAL");

    IncidentView resolved = incident.resolve(new Resolution("bob", "fixed", null));

    assertThat(resolved.status()).isEqualTo(IncidentStatus.MONITORING);
  }

  @Test
  void aFailingCriticalProbeRefusesTheResolveUntilItPasses() {
    diagnostics.failingProbes.add("db");
    IncidentWorkflow incident = declare("INC-CRITICAL");

    assertThatThrownBy(() -> incident.resolve(new Resolution("bob", "fixed", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("health checks failing: probe db: UNHEALTHY");
    diagnostics.failingProbes.clear();
    IncidentView resolved = incident.resolve(new Resolution("bob", "fixed", null));

    assertThat(resolved.status()).isEqualTo(IncidentStatus.MONITORING);
  }
}
