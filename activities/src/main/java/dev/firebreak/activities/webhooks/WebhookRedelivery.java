package dev.firebreak.activities.webhooks;

import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.HttpReply;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderFailures;
import dev.firebreak.activities.http.ProviderHttp;
import dev.firebreak.activities.http.SecretExpander;
import dev.firebreak.activities.stripe.StripeClient;
import dev.firebreak.workflows.webhooks.DeliveryFailure;
import dev.firebreak.workflows.webhooks.RedeliveryBatch;
import dev.firebreak.workflows.webhooks.RedeliveryOutcome;
import dev.firebreak.workflows.webhooks.WebhookDeliveryActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-delivers Stripe events to the application's webhook endpoint as Stripe would: the event's
 * JSON, signed with the endpoint's secret. The endpoint's answer is classified by {@link
 * ProviderFailures} like any provider's: 2xx delivered, 429 waits its {@code Retry-After} and sends
 * again, 5xx and no answer are failed attempts the workflow retries later, any other 4xx is a
 * rejection.
 *
 * <p>Progress is heartbeated after every event. A retried attempt (a worker died, or its answer was
 * lost) starts from the last heartbeat and never sends an event that attempt already settled.
 */
public final class WebhookRedelivery implements WebhookDeliveryActivities {

  private static final Logger log = LoggerFactory.getLogger(WebhookRedelivery.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /**
   * Rate limits in a row after which an event counts as a failed attempt, so the batch moves on.
   */
  static final int MAX_RATE_LIMITED_SENDS = 5;

  private final StripeClient stripe;
  private final EventBodies bodies;
  private final HttpTransport transport;
  private final SecretExpander secrets;
  private final Duration timeout;

  /**
   * @param timeout how long the endpoint gets to answer one delivery
   */
  public WebhookRedelivery(
      StripeClient stripe,
      EventBodies bodies,
      HttpTransport transport,
      SecretExpander secrets,
      Duration timeout) {
    this.stripe = stripe;
    this.bodies = bodies;
    this.transport = transport;
    this.secrets = secrets;
    this.timeout = timeout;
  }

  @Override
  public RedeliveryOutcome redeliver(RedeliveryBatch batch) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    RedeliveryOutcome earlier =
        context.getHeartbeatDetails(RedeliveryOutcome.class).orElse(RedeliveryOutcome.none());
    List<String> delivered = new ArrayList<>(earlier.delivered());
    List<DeliveryFailure> failed = new ArrayList<>(earlier.failed());
    Set<String> settled = new HashSet<>(delivered);
    failed.forEach(f -> settled.add(f.eventId()));
    String secret = secrets.expand(batch.signingSecret());
    ProviderHttp endpoint =
        new ProviderHttp(
            transport,
            "endpoint",
            ErrorMessageReader.jsonFields("/error/message", "/error", "/message"));
    DeliveryPacer pacer = new DeliveryPacer(batch.ratePerSecond());
    Runnable heartbeat =
        () ->
            context.heartbeat(
                new RedeliveryOutcome(List.copyOf(delivered), List.copyOf(failed), false));
    for (String eventId : batch.eventIds()) {
      if (!settled.add(eventId)) {
        continue;
      }
      DeliveryFailure failure = deliver(eventId, batch, endpoint, secret, pacer, heartbeat);
      if (failure == null) {
        delivered.add(eventId);
      } else {
        failed.add(failure);
      }
      heartbeat.run();
    }
    log.info(
        "{} re-delivered {} of {} events to {}{} ({} failed)",
        batch.jobId(),
        delivered.size(),
        batch.eventIds().size(),
        batch.endpointUrl(),
        earlier.delivered().isEmpty() && earlier.failed().isEmpty()
            ? ""
            : ", resuming an earlier attempt",
        failed.size());
    return new RedeliveryOutcome(List.copyOf(delivered), List.copyOf(failed), false);
  }

  /** Sends one event; null when the endpoint took it, else why not. */
  private DeliveryFailure deliver(
      String eventId,
      RedeliveryBatch batch,
      ProviderHttp endpoint,
      String secret,
      DeliveryPacer pacer,
      Runnable heartbeat) {
    String body;
    try {
      body = bodies.take(eventId).orElseGet(() -> stripe.event(eventId));
    } catch (ApplicationFailure notFetched) {
      return new DeliveryFailure(
          eventId, notFetched.isNonRetryable(), notFetched.getOriginalMessage());
    }
    for (int send = 1; ; send++) {
      pacer.awaitTurn(heartbeat);
      HttpReply reply;
      try {
        reply = endpoint.exchange(signed(batch.endpointUrl(), secret, body), timeout);
      } catch (ApplicationFailure noAnswer) {
        return new DeliveryFailure(eventId, false, noAnswer.getOriginalMessage());
      }
      if (reply.isSuccessful()) {
        return null;
      }
      ApplicationFailure failure = endpoint.failureFor(reply);
      if (ProviderFailures.RATE_LIMITED.equals(failure.getType())
          && send < MAX_RATE_LIMITED_SENDS) {
        pacer.holdFor(failure.getNextRetryDelay());
        continue;
      }
      return new DeliveryFailure(eventId, failure.isNonRetryable(), failure.getOriginalMessage());
    }
  }

  private static Request signed(String endpointUrl, String secret, String body) {
    return new Request.Builder()
        .url(endpointUrl)
        .header(
            StripeSignature.HEADER,
            StripeSignature.header(secret, Instant.now().getEpochSecond(), body))
        .post(RequestBody.create(body, JSON))
        .build();
  }
}
