package dev.firebreak.workflows.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.incident.RecordingChat;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookRetryWorkflowTest {

  static final String ENDPOINT = "https://app.recoup.com/api/webhooks/stripe";

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;
  private final ScriptedWebhooks webhooks = new ScriptedWebhooks();
  private final RecordingChat chat = new RecordingChat();

  /**
   * A server, worker and task queue of its own for each test; prints the workflows' histories when
   * one fails.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(WebhookRetryWorkflowImpl.class)
          .setActivityImplementations(webhooks, chat)
          .build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  static WebhookRetryRequest request(int maxAttempts, int batchSize, int batchesPerRun) {
    return new WebhookRetryRequest(
        "stripe",
        ENDPOINT,
        "${STRIPE_WEBHOOK_SECRET}",
        100,
        maxAttempts,
        batchSize,
        batchesPerRun,
        Duration.ofMinutes(1),
        null,
        "#ops");
  }

  private WebhookRetryWorkflow start(WebhookRetryRequest request) {
    WebhookRetryWorkflow job =
        client.newWorkflowStub(
            WebhookRetryWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("job-webhook-retry")
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(job::run, request, null);
    return job;
  }

  private WebhookRetryReport result() {
    return client.newUntypedWorkflowStub("job-webhook-retry").getResult(WebhookRetryReport.class);
  }

  @Test
  void deliversEachListedEventOnceAcrossContinueAsNewAndSkipsEventsListedAgain() {
    webhooks.events(450);
    webhooks.listing.add(
        120, "evt_0300"); // listed again on another page, before and after continue-as-new
    webhooks.listing.add("evt_0001");

    start(request(5, 50, 2));
    WebhookRetryReport report = result();

    assertThat(webhooks.deliveries)
        .hasSize(450)
        .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    assertThat(report.listed()).isEqualTo(450);
    assertThat(report.delivered()).isEqualTo(450);
    assertThat(report.duplicatesSkipped()).isEqualTo(2);
    assertThat(report.deadLettered()).isEmpty();
    assertThat(report.runs()).isEqualTo(4);
    assertThat(report.phase()).isEqualTo(WebhookRetryPhase.FINISHED);
    assertThat(chat.posts).isEmpty();
  }

  @Test
  void eventsThatKeepFailingAreSetAsideAfterMaxAttemptsAndReportedInChat() {
    webhooks.events(30);
    webhooks.rejected.add("evt_0003");
    webhooks.failuresLeft.put("evt_0007", 10);
    webhooks.failuresLeft.put("evt_0011", 2);

    start(request(3, 10, 20));
    WebhookRetryReport report = result();

    assertThat(report.delivered()).isEqualTo(28);
    assertThat(webhooks.deliveries)
        .containsEntry("evt_0011", 1)
        .doesNotContainKeys("evt_0003", "evt_0007");
    assertThat(report.deadLettered())
        .containsExactly(
            new DeadLetter("evt_0003", 1, "endpoint answered HTTP 400: unknown event type"),
            new DeadLetter("evt_0007", 3, "endpoint answered HTTP 503"));
    assertThat(report.awaitingRetry()).isZero();
    assertThat(chat.posts)
        .singleElement()
        .satisfies(
            post -> {
              assertThat(post.channel()).isEqualTo("#ops");
              assertThat(post.key()).isEqualTo("job-webhook-retry/dead-letters");
              assertThat(post.text())
                  .startsWith(
                      "⚠️ Webhook retry (stripe): 2 events could not be delivered to " + ENDPOINT)
                  .contains(
                      "• evt_0003 (1 attempt): endpoint answered HTTP 400: unknown event type")
                  .contains("• evt_0007 (3 attempts): endpoint answered HTTP 503");
            });
  }

  @Test
  void failedEventsAreRetriedOnlyAfterTheBackoff() {
    webhooks.events(5);
    webhooks.failuresLeft.put("evt_0002", 1);

    start(request(3, 10, 20));
    env.sleep(Duration.ofSeconds(30));

    WebhookRetryReport halfway =
        client.newWorkflowStub(WebhookRetryWorkflow.class, "job-webhook-retry").progress();
    assertThat(halfway.phase()).isEqualTo(WebhookRetryPhase.WAITING_TO_RETRY);
    assertThat(halfway.delivered()).isEqualTo(4);
    assertThat(halfway.awaitingRetry()).isEqualTo(1);
    assertThat(result().delivered()).isEqualTo(5);
  }

  @Test
  void pauseStopsDeliveriesAfterTheBatchInFlightUntilResumed() throws Exception {
    webhooks.events(300);
    webhooks.holdFirstBatch();
    WebhookRetryWorkflow job = start(request(5, 100, 20));
    assertThat(webhooks.firstBatchArrived.await(10, TimeUnit.SECONDS)).isTrue();

    job.pause();
    webhooks.releaseFirstBatch();
    env.sleep(Duration.ofHours(1));

    WebhookRetryReport paused = job.progress();
    assertThat(paused.paused()).isTrue();
    assertThat(paused.delivered()).isEqualTo(100);
    assertThat(webhooks.batches).hasSize(1);

    job.resume();
    WebhookRetryReport report = result();
    assertThat(report.paused()).isFalse();
    assertThat(report.delivered()).isEqualTo(300);
    assertThat(webhooks.batches).hasSize(3);
  }

  @Test
  void refusesAProviderItCannotList() {
    start(new WebhookRetryRequest("github", ENDPOINT, "${SECRET}", 0, 0, 0, 0, null, null, null));

    assertThatThrownBy(this::result)
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("webhook retry supports provider 'stripe', not 'github'");
  }

  @Test
  void aDeliveryThatCannotWorkStopsTheJobInsteadOfSettingEveryEventAside() {
    webhooks.events(300);
    webhooks.refusal = "environment variable STRIPE_WEBHOOK_SECRET is not set";

    start(request(3, 100, 20));

    assertThatThrownBy(this::result)
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining(
            "webhook retry stopped after 0 deliveries: environment variable STRIPE_WEBHOOK_SECRET is not set");
    assertThat(webhooks.batches).hasSize(1);
    assertThat(chat.posts).isEmpty();
  }
}
