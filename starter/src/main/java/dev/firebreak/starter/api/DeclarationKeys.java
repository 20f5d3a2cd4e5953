package dev.firebreak.starter.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Idempotency-Keys of the declarations this process made, and the incident each one started:
 * the most recent {@value #REMEMBERED}. A retry that reaches another process (or this one after a
 * restart) is found by the key in the incident's memo instead.
 */
final class DeclarationKeys {

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
