package dev.firebreak.activities.webhooks;

import static dev.firebreak.activities.webhooks.WebhookTestbed.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.firebreak.workflows.webhooks.DeliveryFailure;
import dev.firebreak.workflows.webhooks.RedeliveryBatch;
import dev.firebreak.workflows.webhooks.RedeliveryOutcome;
import dev.firebreak.workflows.webhooks.WebhookDeliveryActivities;
import io.temporal.testing.TestActivityEnvironment;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookRedeliveryTest {

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private WebhookTestbed bed = new WebhookTestbed().failedEvents(0, 5);

  @AfterEach
  void close() {
    env.close();
    bed.close();
  }

  private RedeliveryOutcome redeliver(String... ids) {
    env.registerActivitiesImplementations(bed.delivery);
    return env.newActivityStub(WebhookDeliveryActivities.class)
        .redeliver(
            new RedeliveryBatch(
                "stripe",
                bed.receiver.url(),
                WebhookTestbed.SECRET_REFERENCE,
                1000,
                List.of(ids),
                "job-webhook-retry"));
  }

  @Test
  void sendsEachEventSignedWithTheEndpointsSecretFetchingItFromStripeWhenNotListedHere() {
    RedeliveryOutcome outcome = redeliver(id(0), id(1));

    assertThat(outcome.delivered()).containsExactly(id(0), id(1));
    assertThat(bed.receiver.processed()).containsExactlyInAnyOrder(id(0), id(1));
    assertThat(bed.receiver.badSignatures()).isZero();
    assertThat(bed.stripe.requests())
        .extracting(r -> r.getRequestUrl().encodedPath())
        .containsExactly("/v1/events/" + id(0), "/v1/events/" + id(1));
  }

  @Test
  void anEventListedJustBeforeIsNotFetchedAgain() {
    bed.listing.failedEventsPage(WebhookTestbed.T0, null);

    redeliver(id(3));

    assertThat(bed.stripe.requests()).hasSize(1);
    assertThat(bed.receiver.deliveries(id(3))).isEqualTo(1);
  }

  @Test
  void aRetriedAttemptSkipsTheEventsItsPredecessorHeartbeatedAsSettled() {
    env.setHeartbeatDetails(
        new RedeliveryOutcome(
            List.of(id(0)), List.of(new DeliveryFailure(id(1), false, "HTTP 503")), false));

    RedeliveryOutcome outcome = redeliver(id(0), id(1), id(2));

    assertThat(outcome.delivered()).containsExactly(id(0), id(2));
    assertThat(outcome.failed()).extracting(DeliveryFailure::eventId).containsExactly(id(1));
    assertThat(bed.receiver.processed()).containsExactly(id(2));
  }

  @Test
  void aRateLimitIsWaitedOutAndTheSameEventSentAgain() {
    bed.receiver.faults().rateLimitNext(1, "1");

    long start = System.nanoTime();
    RedeliveryOutcome outcome = redeliver(id(0));

    assertThat(outcome.delivered()).containsExactly(id(0));
    assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(1000);
    assertThat(bed.receiver.requests()).hasSize(2);
  }

  @Test
  void aServerErrorOrNoAnswerIsAFailedAttemptToRetryLater() {
    bed.receiver.faults().failNext(1, 503).disconnectNext(1);

    RedeliveryOutcome outcome = redeliver(id(0), id(1), id(2));

    assertThat(outcome.delivered()).containsExactly(id(2));
    assertThat(outcome.failed())
        .extracting(DeliveryFailure::eventId, DeliveryFailure::permanent)
        .containsExactly(tuple(id(0), false), tuple(id(1), false));
    assertThat(outcome.failed().get(0).error())
        .isEqualTo("endpoint answered HTTP 503: internal server error");
  }

  @Test
  void anEndpointThatCannotVerifyTheSignatureRejectsTheEventForGood() {
    bed.close();
    bed = new WebhookTestbed("whsec_rotated").failedEvents(0, 1);

    RedeliveryOutcome outcome = redeliver(id(0));

    assertThat(outcome.failed())
        .singleElement()
        .isEqualTo(
            new DeliveryFailure(
                id(0),
                true,
                "endpoint answered HTTP 400: No signatures found matching the expected signature for payload"));
  }

  @Test
  void anEventStripeNoLongerHasIsRejectedForGood() {
    RedeliveryOutcome outcome = redeliver("evt_gone");

    assertThat(outcome.failed())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.permanent()).isTrue();
              assertThat(f.error())
                  .isEqualTo("Stripe answered HTTP 404: No such event: 'evt_gone'");
            });
  }
}
