package dev.firebreak.starter.alerts;

import dev.firebreak.starter.service.Digests;

/**
 * The incident id of an alert: {@code ALERT-} and 12 hex digits of SHA-256 over the service and the
 * alert's fingerprint.
 *
 * <p>Why the workflow id is the deduplication key, rather than a fingerprint → incident table: the
 * API starts the incident with signal-with-start under {@code incident-ALERT-<hash>}, which
 * Temporal executes atomically per workflow id. However many deliveries race (API replicas
 * included), one creates the incident and the rest become signals to it, on any server and without
 * a lookup that could go stale. Declared incidents keep {@code INC-<yyyymmdd>-<n>}; an alert's
 * incidents share their id over time, because once one closes the next firing opens the next
 * incident under the same id (a new run: the earlier one stays in the workflow's history and in the
 * Temporal UI).
 */
final class AlertKey {

  static final String PREFIX = "ALERT-";

  private AlertKey() {}

  static String incidentId(String service, String fingerprint) {
    return PREFIX + sha256Hex(service + "\n" + fingerprint).substring(0, 12);
  }

  static String sha256Hex(String text) {
    return Digests.sha256Hex(text);
  }
}
