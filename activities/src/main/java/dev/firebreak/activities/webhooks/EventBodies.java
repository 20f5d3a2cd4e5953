package dev.firebreak.activities.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Event bodies the listing has already fetched, kept in the worker for the delivery that follows,
 * so re-delivering a page of events costs one Stripe call instead of one per event (Stripe allows
 * 100 calls a second for the whole account). Only a cache: a delivery running on another worker, or
 * after eviction, fetches the event from Stripe instead.
 */
public final class EventBodies {

  private final Map<String, String> bodies;

  /**
   * @param capacity bodies kept at most; the least recently listed go first
   */
  public EventBodies(int capacity) {
    this.bodies =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > capacity;
          }
        };
  }

  public synchronized void put(String eventId, String body) {
    bodies.put(eventId, body);
  }

  /** The body, if still here; a body is handed out once, since its event is then delivered. */
  public synchronized Optional<String> take(String eventId) {
    return Optional.ofNullable(bodies.remove(eventId));
  }
}
