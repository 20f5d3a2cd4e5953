package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeStripe;
import dev.firebreak.activities.fakes.FakeWebhookReceiver;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.SecretExpander;
import dev.firebreak.activities.stripe.StripeClient;
import dev.firebreak.activities.stripe.StripeWebhookActivities;
import dev.firebreak.activities.webhooks.EventBodies;
import dev.firebreak.activities.webhooks.WebhookRedelivery;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.playbook.ActionOrder;
import dev.firebreak.workflows.playbook.ActionOrders;
import dev.firebreak.workflows.playbook.ActionRunStatus;
import dev.firebreak.workflows.playbook.ActionRunStep;
import dev.firebreak.workflows.playbook.ActionRunView;
import dev.firebreak.workflows.playbook.ActionRunWorkflowImpl;
import dev.firebreak.workflows.playbook.ActionStep;
import dev.firebreak.workflows.playbook.WebhookReplayActivities;
import dev.firebreak.workflows.webhooks.RedeliveryBatch;
import dev.firebreak.workflows.webhooks.RedeliveryOutcome;
import dev.firebreak.workflows.webhooks.WebhookDeliveryActivities;
import dev.firebreak.workflows.webhooks.WebhookRetryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code replay-webhooks} action with the real Stripe listing and delivery activities against the
 * local fakes: a delivery attempt whose answer is lost is retried, and the retry sends nothing its
 * predecessor already delivered.
 */
class ReplayWebhooksActionOnFakeStripeTest {

  private static final String API_KEY = "sk_test_replay";
  private static final String SIGNING_SECRET = "whsec_replay";

  private final FakeStripe stripe = new FakeStripe(API_KEY);
  private final FakeWebhookReceiver receiver = new FakeWebhookReceiver(SIGNING_SECRET);
  private final AtomicBoolean loseFirstAnswer = new AtomicBoolean(true);

  @RegisterExtension final TestWorkflowExtension workflows = ActionOrders.serverAtStart();

  private WorkflowClient client;

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env) {
    HttpTransport transport = HttpTransport.withCallDeadlinesOnly();
    StripeClient stripeClient =
        new StripeClient(transport, stripe.baseUrl(), API_KEY, Duration.ofSeconds(5));
    EventBodies bodies = new EventBodies(100);
    WebhookRedelivery delivery =
        new WebhookRedelivery(
            stripeClient,
            bodies,
            transport,
            new SecretExpander(Map.of("STRIPE_WEBHOOK_SECRET", SIGNING_SECRET)::get),
            Duration.ofSeconds(2));
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(ActionRunWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new StripeWebhookActivities(stripeClient, bodies),
        new AnswerLostOnce(delivery),
        new Settings(),
        new ScriptedDiagnostics());
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void closeFakes() {
    stripe.close();
    receiver.close();
  }

  @Test
  void aDeliveryAttemptWhoseAnswerWasLostIsRetriedWithoutSendingAnEventTwice() {
    for (String id : List.of("evt_1", "evt_2", "evt_3")) {
      stripe.event(id, "invoice.paid", ActionOrders.START.minus(Duration.ofHours(1)), false);
    }

    ActionOrder order =
        ActionOrders.order(
            "k1",
            ActionOrders.action(
                "replay-stripe-events",
                new ActionStep.ReplayWebhooks("webhook-retry", "evt_1,evt_2", null),
                null),
            List.of());
    ActionRunView view =
        WorkflowStub.fromTyped(ActionOrders.start(client, order)).getResult(ActionRunView.class);

    assertThat(view.status()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(loseFirstAnswer).isFalse();
    assertThat(receiver.deliveries("evt_1")).isEqualTo(1);
    assertThat(receiver.deliveries("evt_2")).isEqualTo(1);
    assertThat(receiver.deliveries("evt_3")).isZero();
    assertThat(view.steps())
        .extracting(ActionRunStep::text)
        .contains("Batch 1: 2 re-delivered, 0 already delivered, 0 dead-lettered");
  }

  /** The real delivery, except that the first attempt's answer is lost after it delivered. */
  private final class AnswerLostOnce implements WebhookDeliveryActivities {
    private final WebhookDeliveryActivities delivery;

    AnswerLostOnce(WebhookDeliveryActivities delivery) {
      this.delivery = delivery;
    }

    @Override
    public RedeliveryOutcome redeliver(RedeliveryBatch batch) {
      RedeliveryOutcome outcome = delivery.redeliver(batch);
      if (loseFirstAnswer.getAndSet(false)) {
        throw ApplicationFailure.newFailure("the answer was lost on the way back", "Lost");
      }
      return outcome;
    }
  }

  /** The webhook-retry job's settings, pointed at the fake endpoint. */
  private final class Settings implements WebhookReplayActivities {
    @Override
    public WebhookRetryRequest settings(String job) {
      return WebhookRetryRequest.stripe(receiver.url(), "${STRIPE_WEBHOOK_SECRET}");
    }
  }
}
