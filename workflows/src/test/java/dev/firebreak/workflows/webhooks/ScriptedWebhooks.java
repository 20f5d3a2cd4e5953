package dev.firebreak.workflows.webhooks;

import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Workflow tests' provider and endpoint in one: a listing of failed event ids in pages, and an
 * endpoint that takes every event unless a test made it reject some or fail some a number of times.
 * The delivery activity can be held at its first batch, so a test can act while a batch is out.
 */
public class ScriptedWebhooks implements WebhookActivities, WebhookDeliveryActivities {

  public static final int PAGE_SIZE = 100;

  public final List<String> listing = new ArrayList<>();
  public final Set<String> rejected = ConcurrentHashMap.newKeySet();
  public final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
  public final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
  public final List<RedeliveryBatch> batches = new CopyOnWriteArrayList<>();
  public final CountDownLatch firstBatchArrived = new CountDownLatch(1);

  /**
   * When set, every delivery fails for good with this message, as a job whose secret is not set
   * does.
   */
  public volatile String refusal;

  private volatile CountDownLatch holdFirstBatch = new CountDownLatch(0);

  /** Lists {@code evt_0000 … evt_<count-1>}. */
  public ScriptedWebhooks events(int count) {
    for (int i = 0; i < count; i++) {
      listing.add(String.format("evt_%04d", i));
    }
    return this;
  }

  /** The first batch waits until {@link #releaseFirstBatch()}. */
  public void holdFirstBatch() {
    holdFirstBatch = new CountDownLatch(1);
  }

  public void releaseFirstBatch() {
    holdFirstBatch.countDown();
  }

  /** When each listed event was created; one not here was created at the listing's start. */
  public final Map<String, Instant> created = new ConcurrentHashMap<>();

  @Override
  public FailedWebhookEvents failedWebhookEvents(Instant since) {
    List<FailedWebhookEvent> events = new ArrayList<>();
    for (String id : listing) {
      Instant at = created.getOrDefault(id, since);
      if (!at.isBefore(since)) {
        events.add(new FailedWebhookEvent(id, "invoice.payment_failed", at, 1));
      }
    }
    return new FailedWebhookEvents(events, false, false);
  }

  @Override
  public FailedEventPage failedEventsPage(Instant since, String startingAfter) {
    int from = startingAfter == null ? 0 : listing.indexOf(startingAfter) + 1;
    int to = Math.min(listing.size(), from + PAGE_SIZE);
    return new FailedEventPage(List.copyOf(listing.subList(from, to)), to < listing.size(), false);
  }

  @Override
  public RedeliveryOutcome redeliver(RedeliveryBatch batch) {
    batches.add(batch);
    firstBatchArrived.countDown();
    if (refusal != null) {
      throw ApplicationFailure.newNonRetryableFailure(refusal, "MissingEnvironmentVariable");
    }
    try {
      holdFirstBatch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    holdFirstBatch = new CountDownLatch(0);
    List<String> delivered = new ArrayList<>();
    List<DeliveryFailure> failed = new ArrayList<>();
    for (String id : batch.eventIds()) {
      if (rejected.contains(id)) {
        failed.add(new DeliveryFailure(id, true, "endpoint answered HTTP 400: unknown event type"));
      } else if (failuresLeft.getOrDefault(id, 0) > 0) {
        failuresLeft.merge(id, -1, Integer::sum);
        failed.add(new DeliveryFailure(id, false, "endpoint answered HTTP 503"));
      } else {
        deliveries.merge(id, 1, Integer::sum);
        delivered.add(id);
      }
    }
    return new RedeliveryOutcome(delivered, failed, false);
  }
}
