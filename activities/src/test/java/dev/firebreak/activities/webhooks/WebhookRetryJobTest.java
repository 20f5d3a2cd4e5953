package dev.firebreak.activities.webhooks;

import static dev.firebreak.activities.webhooks.WebhookTestbed.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.webhooks.DeadLetter;
import dev.firebreak.workflows.webhooks.WebhookRetryReport;
import dev.firebreak.workflows.webhooks.WebhookRetryRequest;
import dev.firebreak.workflows.webhooks.WebhookRetryWorkflow;
import dev.firebreak.workflows.webhooks.WebhookRetryWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook retry job end to end: the workflow with the real activities, against FakeStripe and
 * the endpoint.
 */
class WebhookRetryJobTest {

  private final WebhookTestbed bed = new WebhookTestbed();
  private final RecordingChat chat = new RecordingChat();
  private TestWorkflowEnvironment env;

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
    bed.close();
  }

  private WebhookRetryReport run(
      double ratePerSecond, int maxAttempts, int batchSize, int batchesPerRun) {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(WebhookRetryWorkflowImpl.class);
    worker.registerActivitiesImplementations(bed.listing, bed.delivery, chat);
    env.start();
    WebhookRetryWorkflow job =
        env.getWorkflowClient()
            .newWorkflowStub(
                WebhookRetryWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("job-webhook-retry")
                    .setTaskQueue(TaskQueue.NAME)
                    .build());
    WorkflowClient.start(
        job::run,
        new WebhookRetryRequest(
            "stripe",
            bed.receiver.url(),
            WebhookTestbed.SECRET_REFERENCE,
            ratePerSecond,
            maxAttempts,
            batchSize,
            batchesPerRun,
            Duration.ofMinutes(5),
            WebhookTestbed.T0,
            "#payments"),
        null);
    return env.getWorkflowClient()
        .newUntypedWorkflowStub("job-webhook-retry")
        .getResult(WebhookRetryReport.class);
  }

  @Test
  void aThousandFailedEventsListedWithDuplicatesAreEachDeliveredOnceAndRejectedOnesSetAside() {
    bed.failedEvents(0, 1000);
    for (int i = 0; i < 1000; i += 50) {
      // Listed a second time on another page, as a listing that shifts while it is paged would.
      bed.stripe.event(id(i), "invoice.paid", WebhookTestbed.T0.plusSeconds(1000 - i), false);
    }
    bed.stripe.event(
        id(17), "invoice.paid", WebhookTestbed.T0.plusSeconds(17), false); // twice on one page
    bed.stripe.event(
        "evt_fine",
        "invoice.paid",
        WebhookTestbed.T0.plusSeconds(5),
        true); // delivered: not listed
    String[] rejected = IntStream.range(0, 25).mapToObj(i -> id(i * 40 + 3)).toArray(String[]::new);
    bed.receiver.rejects(rejected);

    WebhookRetryReport report = run(5000, 3, 100, 3);

    Set<String> expected = new HashSet<>();
    IntStream.range(0, 1000).mapToObj(WebhookTestbed::id).forEach(expected::add);
    expected.removeAll(Set.of(rejected));
    assertThat(bed.receiver.processed()).isEqualTo(expected);
    assertThat(bed.receiver.duplicates()).isEmpty();
    assertThat(bed.receiver.badSignatures()).isZero();
    assertThat(report.listed()).isEqualTo(1000);
    assertThat(report.delivered()).isEqualTo(975);
    assertThat(report.duplicatesSkipped()).isEqualTo(21);
    assertThat(report.runs()).isGreaterThanOrEqualTo(3);
    assertThat(report.deadLettered())
        .extracting(DeadLetter::eventId)
        .containsExactlyInAnyOrder(rejected);
    assertThat(report.deadLettered())
        .allSatisfy(
            letter -> {
              assertThat(letter.attempts()).isEqualTo(1);
              assertThat(letter.lastError())
                  .startsWith("endpoint answered HTTP 400: Unhandled event type");
            });
    assertThat(chat.posts)
        .singleElement()
        .satisfies(
            post -> {
              assertThat(post.channel()).isEqualTo("#payments");
              assertThat(post.text())
                  .contains(
                      "25 events could not be delivered to " + bed.receiver.url(), "… and 5 more");
            });
    // One Stripe call per page of listing; every body came from it, none fetched one by one.
    assertThat(bed.stripe.requests())
        .allSatisfy(r -> assertThat(r.getRequestUrl().encodedPath()).isEqualTo("/v1/events"));
  }

  @Test
  void anEndpointThatRateLimitsAndFailsStillGetsEveryEventOnce() {
    bed.failedEvents(0, 60);
    bed.receiver.limitTo(20).failsTimes(id(5), 2).failsTimes(id(6), 9);
    bed.receiver.faults().passNext(10).failNext(3, 502);

    WebhookRetryReport report = run(200, 3, 30, 20);

    assertThat(bed.receiver.rateLimitedAnswers()).isPositive();
    assertThat(bed.receiver.processed()).hasSize(59).doesNotContain(id(6));
    assertThat(bed.receiver.duplicates()).isEmpty();
    assertThat(report.delivered()).isEqualTo(59);
    assertThat(report.deadLettered())
        .singleElement()
        .isEqualTo(new DeadLetter(id(6), 3, "endpoint answered HTTP 500: Internal server error"));
  }

  @Test
  void anEventWhoseAnswerWasLostIsSentAgainAndTheEndpointTakesItOnce() {
    bed.failedEvents(0, 10);
    bed.receiver.faults().passNext(4).disconnectNext(1);

    WebhookRetryReport report = run(1000, 3, 10, 20);

    assertThat(report.delivered()).isEqualTo(10);
    assertThat(report.deadLettered()).isEmpty();
    assertThat(bed.receiver.processed()).hasSize(10);
    // Nobody can know whether a request whose answer was lost was processed: it goes again, and
    // the endpoint's own dedup by event id (which Stripe requires of every receiver) absorbs it.
    assertThat(bed.receiver.duplicates()).hasSize(1);
  }
}
