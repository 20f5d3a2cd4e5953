package dev.firebreak.workflows.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Who is paged when nobody answers: the one place that decides "page level N", for an ack timeout
 * and for missed updates. Levels are indexes into the policy's escalation chain (level 1 is index 0).
 *
 * <p>The two paths deliberately count differently. An ack timeout means nobody has picked the
 * incident up, so the chain is walked one level per timeout and, once its top was paged, walked
 * again from level 1 (another round) until the policy's rounds are used up: everybody gets another
 * chance to answer. A missed update means someone did acknowledge and then went quiet, so the owner's
 * management is reached one level per missed interval above the level paged last, starting with the
 * second missed interval, and the top level is paged once, never in rounds: repeating the chain would
 * wake the silent owner's peers again for nothing.
 */
final class Escalation {

  /** What the ack timeout does when it expires. */
  record AckTimeout(boolean exhausted, int level, int round) {}

  private final IncidentPolicy policy;

  Escalation(IncidentPolicy policy) {
    this.policy = policy;
  }

  /** Whether the ack timeout has expired: only an unacknowledged incident with a running timeout escalates. */
  boolean ackTimeoutExpired(Incident incident, Instant now) {
    return incident.status == IncidentStatus.DECLARED
        && incident.nextEscalationAt != null
        && !now.isBefore(incident.nextEscalationAt);
  }

  /** The next level after the one paged last, wrapping into the next round, or exhausted after the last round. */
  AckTimeout afterAckTimeout(int pagedLevel, int round) {
    int next = pagedLevel + 1;
    if (next < policy.escalation().size()) {
      return new AckTimeout(false, next, round);
    }
    if (round >= policy.escalationRounds()) {
      return new AckTimeout(true, pagedLevel, round);
    }
    return new AckTimeout(false, 0, round + 1);
  }

  /**
   * The level paged for the {@code missedUpdates}-th interval in a row without an update, if any.
   * Before an acknowledgement the ack timeout is already walking the chain, so nothing is paged here.
   */
  OptionalInt levelForMissedUpdate(boolean acknowledged, int pagedLevel, int missedUpdates) {
    int level = Math.max(pagedLevel, 0) + missedUpdates - 1;
    if (acknowledged && missedUpdates >= 2 && level < policy.escalation().size()) {
      return OptionalInt.of(level);
    }
    return OptionalInt.empty();
  }

  /** Whether a declaration of this severity pages at all (the chain may also be empty). */
  boolean pages(Severity severity) {
    return policy.forSeverity(severity).paging() && !policy.escalation().isEmpty();
  }

  Duration ackTimeout(Severity severity) {
    return policy.forSeverity(severity).ackTimeout();
  }

  String exhaustedText(String incidentId) {
    return "Nobody acknowledged " + incidentId + " after " + policy.escalationRounds()
        + " rounds of the escalation chain; escalation has stopped";
  }

  String ackTimeoutReason(Severity severity) {
    return "no acknowledgement in " + Texts.humanize(ackTimeout(severity));
  }

  static String missedUpdateReason(int missedUpdates) {
    return missedUpdates + " update intervals passed with no update";
  }
}
