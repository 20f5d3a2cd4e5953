package dev.firebreak.starter.pagerduty;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code X-Webhook-Id}s of the deliveries handled lately, so a delivery PagerDuty sends again
 * (at-least-once: a retry after a slow answer, a network error) acts once. Bounded: the oldest ids
 * are forgotten first. An id is claimed before its delivery is handled and given back when handling
 * failed, so PagerDuty's retry of a failed delivery is handled rather than skipped.
 */
final class DeliveryIds {

  /**
   * Far above what one subscription delivers while PagerDuty still retries a delivery; a retry
   * older than this many deliveries is caught by the incident itself (the update id is the webhook
   * id, and an incident refuses a second acknowledgement).
   */
  static final int MAX_REMEMBERED = 10_000;

  private final Set<String> seen = new LinkedHashSet<>();
  private final int max;

  DeliveryIds() {
    this(MAX_REMEMBERED);
  }

  DeliveryIds(int max) {
    this.max = max;
  }

  /** True for the first delivery of the id; false when it was handled (or is being handled). */
  synchronized boolean claim(String id) {
    if (!seen.add(id)) {
      return false;
    }
    while (seen.size() > max) {
      Iterator<String> oldest = seen.iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /** The delivery failed: its retry must be handled. */
  synchronized void release(String id) {
    seen.remove(id);
  }
}
