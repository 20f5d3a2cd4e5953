package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The declaration comes first whatever reaches an incident early: an acknowledgement sent while no
 * worker runs (so before the incident's first workflow task), or one that overtakes a page still on
 * its way to the provider.
 */
class IncidentDeclarationOrderTest {

  private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

  /** The API took the declaration six seconds before the worker first ran it. */
  private static final Instant REQUESTED_AT = START.minusSeconds(6);

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;
  private final RecordingChat chat = new RecordingChat();
  private final RecordingPager pager = new RecordingPager();

  /**
   * A server, worker and task queue of its own for each test; prints the workflows' histories when
   * one fails.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(IncidentWorkflowImpl.class)
          .setActivityImplementations(
              new RecordingNotices(), chat, pager, new ScriptedDiagnostics())
          .setInitialTime(START)
          // Each test starts the worker itself: some need a command to reach the server first.
          .setDoNotStart(true)
          .build();

  @BeforeEach
  void connect(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  private IncidentWorkflow declare(String id) {
    IncidentWorkflow incident =
        client.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId(id))
                .setTaskQueue(taskQueue)
                .build());
    Declaration draft = IncidentPolicies.declaration(id, Severity.P1);
    Declaration requested =
        new Declaration(
            draft.id(),
            draft.title(),
            draft.severity(),
            draft.service(),
            draft.description(),
            draft.commander(),
            draft.declaredBy(),
            REQUESTED_AT);
    WorkflowClient.start(
        incident::run, IncidentInput.declared(requested, IncidentPolicies.recoup()));
    return incident;
  }

  @Test
  void anAcknowledgementSentWhileNoWorkerRunsIsAppliedAfterTheAnnouncementAndNobodyIsPaged()
      throws Exception {
    IncidentWorkflow incident = declare("INC-EARLY");
    CompletableFuture<IncidentView> ack =
        CompletableFuture.supplyAsync(() -> incident.acknowledge(new Acknowledgement("bob")));
    // Gives the update time to reach the server before the worker polls its first task.
    Thread.sleep(1000);
    env.start();
    IncidentView acknowledged = ack.get(30, TimeUnit.SECONDS);
    env.sleep(Duration.ofSeconds(5));

    IncidentView view = incident.state();
    assertThat(acknowledged.acknowledgedBy()).isEqualTo("bob");
    assertThat(view.declaredAt()).isEqualTo(REQUESTED_AT);
    assertThat(view.timeline())
        .extracting(TimelineEntry::kind)
        .startsWith("declared", "not-paged", "acknowledged");
    assertThat(view.timeline()).extracting(TimelineEntry::kind).doesNotContain("paged");
    assertThat(view.timeline().get(0).at()).isEqualTo(REQUESTED_AT);
    assertThat(pager.pages).isEmpty();
    assertThat(pager.providerEvents).isEmpty();
    assertThat(chat.cards).isNotEmpty();
    assertThat(chat.posts)
        .filteredOn(post -> post.key().contains("/ack-"))
        .singleElement()
        .satisfies(
            post -> {
              assertThat(post.channel()).isEqualTo(RecordingChat.ROOM);
              assertThat(post.text()).containsPattern("Acknowledged by bob after \\d+s");
            });
    assertThat(Duration.between(view.declaredAt(), view.acknowledgedAt()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(6));
  }

  /**
   * The alert signal and the resolve update are both delivered with the first workflow task; this
   * server hands the worker the update ahead of the alert but records it after, so a replay
   * delivers them the other way round. A replay must still produce the commands the history holds:
   * before {@link IncidentVersions#BASELINE} each handler wrote its own version marker, in the
   * order it ran, and such a replay failed as non-deterministic (a query that replays the incident
   * failed with it).
   */
  @Test
  void anAlertAndAResolveThatArriveBeforeTheFirstTaskReplayInWhicheverOrderTheyAreDelivered()
      throws Exception {
    IncidentWorkflow incident = declare("INC-EARLY-PAIR");
    incident.alert(AlertmanagerAlerts.firing(false));
    CompletableFuture<IncidentView> resolve =
        CompletableFuture.supplyAsync(() -> incident.resolve(new Resolution("bob", "fixed", null)));
    // Gives the update time to reach the server before the worker polls its first task.
    Thread.sleep(1000);
    env.start();
    IncidentView resolved = resolve.get(30, TimeUnit.SECONDS);
    env.sleep(Duration.ofMinutes(1));

    WorkflowExecutionHistory history =
        client.fetchHistory(IncidentWorkflow.workflowId("INC-EARLY-PAIR"));
    WorkflowReplayer.replayWorkflowExecution(history, IncidentWorkflowImpl.class);
    assertThat(resolved.status()).isEqualTo(IncidentStatus.MONITORING);
    assertThat(incident.state().alerts().firings()).isEqualTo(1);
  }

  @Test
  void anAcknowledgementReachesThePagingProviderAfterThePageItOvertook() throws Exception {
    pager.answerPages = new CountDownLatch(1);
    env.start();
    IncidentWorkflow incident = declare("INC-RACE");
    assertThat(pager.pageArrived.await(30, TimeUnit.SECONDS)).isTrue();

    incident.acknowledge(new Acknowledgement("bob"));
    // The page is still with the provider: time for an acknowledge sent at once to arrive first.
    env.sleep(Duration.ofSeconds(2));
    pager.answerPages.countDown();
    env.sleep(Duration.ofSeconds(5));

    assertThat(pager.providerEvents).containsExactly("trigger", "acknowledge");
  }
}
