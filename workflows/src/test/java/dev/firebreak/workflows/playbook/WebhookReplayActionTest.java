package dev.firebreak.workflows.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.webhooks.ScriptedWebhooks;
import dev.firebreak.workflows.webhooks.WebhookRetryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A playbook's {@code replay-webhooks} action: the asked Stripe events go through the webhook-retry
 * job's delivery, once each, in the job's batches, with its rules for retries and dead letters.
 */
class WebhookReplayActionTest {

  private static final String ENDPOINT = "https://app.recoup.example/api/webhooks/stripe";

  private final ScriptedWebhooks stripe = new ScriptedWebhooks().events(5);

  @RegisterExtension final TestWorkflowExtension workflows = ActionOrders.serverAtStart();

  private WorkflowClient client;

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env) {
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(ActionRunWorkflowImpl.class);
    worker.registerActivitiesImplementations(stripe, new JobSettings(), new ScriptedDiagnostics());
    env.start();
    client = env.getWorkflowClient();
  }

  @Test
  void eventsAskedByIdAreReDeliveredOnceEachAndOnesNoLongerFailingAreNotSentAgain() {
    ActionRunView view = replay("evt_0001, evt_0002,evt_0002,evt_9999", null);

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(stripe.deliveries).isEqualTo(Map.of("evt_0001", 1, "evt_0002", 1));
    assertThat(stripe.batches)
        .singleElement()
        .satisfies(
            batch -> {
              assertThat(batch.endpointUrl()).isEqualTo(ENDPOINT);
              assertThat(batch.signingSecret()).isEqualTo("${STRIPE_WEBHOOK_SECRET}");
              assertThat(batch.ratePerSecond()).isEqualTo(5);
            });
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .containsSubsequence(
            "3 event(s) asked for, 2 of them listed by the provider as failed",
            "Batch 1: 2 re-delivered, 0 already delivered, 0 dead-lettered",
            "Batch 2: 0 re-delivered, 1 already delivered, 0 dead-lettered",
            "Replayed 3 stripe event(s) to "
                + ENDPOINT
                + ": 2 re-delivered, 1 already delivered, 0 dead-lettered");
  }

  @Test
  void eventsAskedByTimeRangeAreTheFailedOnesCreatedInThatRangeInTheJobsBatches() {
    Instant from = ActionOrders.START.minus(Duration.ofHours(2));
    stripe.created.put("evt_0000", from.minusSeconds(1));
    stripe.created.put("evt_0001", from);
    stripe.created.put("evt_0002", from.plusSeconds(60));
    stripe.created.put("evt_0003", from.plusSeconds(120));
    stripe.created.put("evt_0004", ActionOrders.START);

    ActionRunView view = replay(null, from + "/" + ActionOrders.START);

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(stripe.deliveries.keySet())
        .containsExactlyInAnyOrder("evt_0001", "evt_0002", "evt_0003");
    assertThat(stripe.batches)
        .extracting(batch -> batch.eventIds())
        .containsExactly(List.of("evt_0001", "evt_0002"), List.of("evt_0003"));
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .containsSubsequence(
            "3 event(s) failed delivery between " + from + " and " + ActionOrders.START,
            "Batch 1: 2 re-delivered, 0 already delivered, 0 dead-lettered",
            "Batch 2: 1 re-delivered, 0 already delivered, 0 dead-lettered");
  }

  @Test
  void anEndpointThatFailsBrieflyIsTriedAgainAfterTheJobsBackoffAndTheEventDeliveredOnce() {
    stripe.failuresLeft.put("evt_0001", 2);

    ActionRunView view = replay("evt_0001", null);

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(stripe.batches).hasSize(3);
    assertThat(stripe.deliveries).isEqualTo(Map.of("evt_0001", 1));
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .containsSubsequence(
            "Batch 1: 0 re-delivered, 0 already delivered, 0 dead-lettered, 1 to retry",
            "1 event(s) failed and are tried again in 1m",
            "Batch 3: 1 re-delivered, 0 already delivered, 0 dead-lettered");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void anEventTheEndpointRejectsOrKeepsFailingIsDeadLetteredAndNamed(boolean rejected) {
    if (rejected) {
      stripe.rejected.add("evt_0002");
    } else {
      stripe.failuresLeft.put("evt_0002", 10);
    }

    ActionRunView view = replay("evt_0001,evt_0002", null);

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(stripe.deliveries).isEqualTo(Map.of("evt_0001", 1));
    assertThat(stripe.batches).hasSize(rejected ? 1 : JobSettings.MAX_ATTEMPTS);
    assertThat(view.outcome()).isNotNull();
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .anySatisfy(
            text ->
                assertThat(text)
                    .startsWith(
                        "Replayed 2 stripe event(s) to "
                            + ENDPOINT
                            + ": 1 re-delivered, 0 already delivered, 1 dead-lettered (evt_0002 ("));
  }

  @Test
  void aDeliveryThatCannotWorkFailsTheActionWithTheReason() {
    stripe.refusal = "STRIPE_WEBHOOK_SECRET is not set";

    ActionRunView view = replay("evt_0001", null);

    assertThat(view.status()).isEqualTo(ActionRunStatus.FAILED);
    assertThat(view.outcome()).contains("STRIPE_WEBHOOK_SECRET is not set");
    assertThat(stripe.deliveries).isEmpty();
  }

  private ActionRunView replay(String eventIds, String timeRange) {
    ActionStep.ReplayWebhooks step =
        new ActionStep.ReplayWebhooks(JobSettings.JOB, eventIds, timeRange);
    ActionOrder order =
        ActionOrders.order(
            "k1", ActionOrders.action("replay-stripe-events", step, null), List.of());
    return WorkflowStub.fromTyped(ActionOrders.start(client, order)).getResult(ActionRunView.class);
  }

  /** The webhook-retry job as configured: batches of two, three attempts, a minute apart. */
  static final class JobSettings implements WebhookReplayActivities {
    static final String JOB = "stripe-webhook-retry";
    static final int MAX_ATTEMPTS = 3;

    @Override
    public WebhookRetryRequest settings(String job) {
      return new WebhookRetryRequest(
          WebhookRetryRequest.STRIPE,
          ENDPOINT,
          "${STRIPE_WEBHOOK_SECRET}",
          5,
          MAX_ATTEMPTS,
          2,
          0,
          Duration.ofMinutes(1),
          null,
          null);
    }
  }
}
