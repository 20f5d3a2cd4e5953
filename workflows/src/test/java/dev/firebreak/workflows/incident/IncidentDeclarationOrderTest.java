package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.TaskQueue;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
  private final RecordingChat chat = new RecordingChat();
  private final RecordingPager pager = new RecordingPager();

  @BeforeEach
  void createEnvironment() {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setInitialTime(START).build());
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(chat, pager, new ScriptedDiagnostics());
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  private IncidentWorkflow declare(String id) {
    IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(IncidentWorkflow.workflowId(id)).setTaskQueue(TaskQueue.NAME).build());
    Declaration draft = IncidentPolicies.declaration(id, Severity.P1);
    Declaration requested = new Declaration(draft.id(), draft.title(), draft.severity(), draft.service(),
        draft.description(), draft.commander(), draft.declaredBy(), REQUESTED_AT);
    WorkflowClient.start(incident::run, IncidentState.declared(requested, IncidentPolicies.recoup()));
    return incident;
  }

  @Test
  void anAcknowledgementSentWhileNoWorkerRunsIsAppliedAfterTheAnnouncementAndNobodyIsPaged() throws Exception {
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
    assertThat(view.timeline()).extracting(TimelineEntry::kind).startsWith("declared", "not-paged", "acknowledged");
    assertThat(view.timeline()).extracting(TimelineEntry::kind).doesNotContain("paged");
    assertThat(view.timeline().get(0).at()).isEqualTo(REQUESTED_AT);
    assertThat(pager.pages).isEmpty();
    assertThat(pager.providerEvents).isEmpty();
    assertThat(chat.cards).isNotEmpty();
    assertThat(chat.posts).filteredOn(post -> post.key().contains("/ack-")).singleElement().satisfies(post -> {
      assertThat(post.channel()).isEqualTo(RecordingChat.ROOM);
      assertThat(post.text()).containsPattern("Acknowledged by bob after \\d+s");
    });
    assertThat(Duration.between(view.declaredAt(), view.acknowledgedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
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
