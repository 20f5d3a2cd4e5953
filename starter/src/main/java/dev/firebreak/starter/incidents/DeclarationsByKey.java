package dev.firebreak.starter.incidents;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Idempotency-Keys of the declarations this process made, and the incident each one started:
 * the most recent {@value #REMEMBERED}. A retry that reaches another process (or this one after a
 * restart) is found by the key in the incident's memo instead.
 *
 * <p>Not the same as the API's {@code IdempotencyKeys}, which remembers the request body each key
 * came with (to refuse a key reused for a different request): this remembers the incident a key's
 * declaration started, and lets one declaration per key run at a time, so a retry that arrives
 * while the first attempt waits on Temporal gets that incident rather than a second one.
 */
final class DeclarationsByKey {

  static final int REMEMBERED = 10_000;

  /**
   * One key's declaration; callers hold its lock while they declare, so a key starts one incident.
   */
  static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    private String incidentId;

    synchronized String incidentId() {
      return incidentId;
    }

    synchronized void remember(String id) {
      incidentId = id;
    }
  }

  private final Map<String, Entry> byKey =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > REMEMBERED;
        }
      };

  synchronized Entry entry(String key) {
    return byKey.computeIfAbsent(key, k -> new Entry());
  }
}
