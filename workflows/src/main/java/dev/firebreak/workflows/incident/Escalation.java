package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Who is paged when nobody answers: the one place that decides "page level N", for an ack timeout
 * and for missed updates. Levels are indexes into the policy's escalation chain (level 1 is index
 * 0).
 *
 * <p>The two paths deliberately count differently. An ack timeout means nobody has picked the
 * incident up, so the chain is walked one level per timeout and, once its top was paged, walked
 * again from level 1 (another round) until the policy's rounds are used up: everybody gets another
 * chance to answer. A missed update means someone did acknowledge and then went quiet, so the
 * owner's management is reached one level per missed interval above the level paged last, starting
 * with the second missed interval, and the top level is paged once, never in rounds: repeating the
 * chain would wake the silent owner's peers again for nothing.
 */
final class Escalation {

  /**
   * The escalation carried across continue-as-new.
   *
   * @param level index of the level paged last; -1 before the first page
   * @param round the chain's round, from 1
   * @param nextAt when the ack timeout expires; null while it is not running
   */
  public record State(int level, int round, Instant nextAt) {
    static final State FRESH = new State(-1, 1, null);

    State withLevel(int paged) {
      return new State(paged, round, nextAt);
    }

    State withRound(int next) {
      return new State(level, next, nextAt);
    }

    State withNextAt(Instant at) {
      return new State(level, round, at);
    }
  }

  /** What the ack timeout does when it expires. */
  record AckTimeout(boolean exhausted, int level, int round) {}

  private final IncidentPolicy policy;

  Escalation(IncidentPolicy policy) {
    this.policy = policy;
  }

  /**
   * Whether the ack timeout has expired: only an unacknowledged incident with a running timeout
   * escalates.
   */
  boolean ackTimeoutExpired(Incident incident, Instant now) {
    Instant expires = incident.escalation.nextAt();
    return incident.status() == IncidentStatus.DECLARED
        && expires != null
        && !now.isBefore(expires);
  }

  /**
   * The ack timeout expired at {@code now}: the level to page next (the round moves on when the
   * chain starts over), or nothing once the last round is used up, which stops escalation and says
   * so.
   */
  OptionalInt onAckTimeout(Incident incident, Instant now, ChatLane chat) {
    AckTimeout next =
        afterAckTimeout(
            incident.escalation.level(), incident.escalation.round(), incident.severity());
    if (next.exhausted()) {
      incident.escalation = incident.escalation.withNextAt(null);
      String text = exhaustedText(incident.id());
      incident.record(now, "escalation-exhausted", null, text);
      chat.post("escalation-exhausted", "🚨 " + text + ". Acknowledge to take it.", true);
      return OptionalInt.empty();
    }
    incident.escalation = incident.escalation.withRound(next.round());
    return OptionalInt.of(next.level());
  }

  /**
   * Before an acknowledgement, the ack timeout follows a new severity: it stops for one that does
   * not page and restarts for one that does.
   *
   * @return whether level 1 must be paged now (the incident had a severity that paged nobody)
   */
  boolean severityChanged(Incident incident, Instant now) {
    if (incident.status() != IncidentStatus.DECLARED) {
      return false;
    }
    if (!policy.forSeverity(incident.severity()).paging()) {
      incident.escalation = incident.escalation.withNextAt(null);
      return false;
    }
    restartAckTimeout(incident, now);
    return incident.escalation.level() < 0 && firstLevelFor(incident.severity()) >= 0;
  }

  /** The ack timeout runs (again) from {@code now}, at the incident's severity. */
  void restartAckTimeout(Incident incident, Instant now) {
    incident.escalation = incident.escalation.withNextAt(now.plus(waitBeforeNextLevel(incident)));
  }

  /**
   * The wait before the level an ack timeout would page next: that level's own {@code after} when
   * it has one, else the severity's ack timeout (chains without per-level waits keep their timing).
   */
  Duration waitBeforeNextLevel(Incident incident) {
    AckTimeout next =
        afterAckTimeout(
            incident.escalation.level(), incident.escalation.round(), incident.severity());
    if (!next.exhausted()) {
      Duration after = policy.escalation().get(next.level()).after();
      if (after != null) {
        return after;
      }
    }
    return ackTimeout(incident.severity());
  }

  /**
   * An acknowledgement stops escalation; whoever acknowledges commands unless someone already does.
   */
  static void acknowledged(Incident incident, String by, Instant now, ChatLane chat) {
    incident.lifecycle = incident.lifecycle.acknowledged(by, now);
    incident.escalation = incident.escalation.withNextAt(null);
    String text =
        "Acknowledged by "
            + by
            + " after "
            + HumanDuration.of(incident.timeToAcknowledge())
            + "; escalation stopped";
    incident.record(now, "acknowledged", by, text);
    chat.post("ack", "✅ " + text + ".", true);
  }

  /**
   * The next level after the one paged last, wrapping into the next round, or exhausted after the
   * last round.
   */
  AckTimeout afterAckTimeout(int pagedLevel, int round, Severity severity) {
    for (int next = pagedLevel + 1; next < policy.escalation().size(); next++) {
      if (policy.escalation().get(next).pagesFor(severity)) {
        return new AckTimeout(false, next, round);
      }
    }
    int first = firstLevelFor(severity);
    if (round >= policy.escalationRounds() || first < 0) {
      return new AckTimeout(true, pagedLevel, round);
    }
    return new AckTimeout(false, first, round + 1);
  }

  /**
   * Whether a level after {@code pagedLevel} pages for {@code severity} in the same round: where a
   * level that reached nobody hands over at once. A new round still waits, so a coverage gap that
   * ends soon is paged again rather than have every round used up in a second.
   */
  boolean pagesLaterInRound(int pagedLevel, int round, Severity severity) {
    AckTimeout next = afterAckTimeout(pagedLevel, round, severity);
    return !next.exhausted() && next.round() == round;
  }

  /**
   * The first level that pages for {@code severity}, or -1 when none does. Levels whose severities
   * exclude the incident's are skipped, and the check is made each time the chain moves on, so a
   * severity change takes effect at the next level.
   */
  int firstLevelFor(Severity severity) {
    for (int level = 0; level < policy.escalation().size(); level++) {
      if (policy.escalation().get(level).pagesFor(severity)) {
        return level;
      }
    }
    return -1;
  }

  /**
   * The level paged for the {@code missedUpdates}-th interval in a row without an update, if any.
   * Before an acknowledgement the ack timeout is already walking the chain, so nothing is paged
   * here.
   */
  OptionalInt levelForMissedUpdate(boolean acknowledged, int pagedLevel, int missedUpdates) {
    int level = Math.max(pagedLevel, 0) + missedUpdates - 1;
    if (acknowledged && missedUpdates >= 2 && level < policy.escalation().size()) {
      return OptionalInt.of(level);
    }
    return OptionalInt.empty();
  }

  /**
   * Whether the declaration pages level 1; when it does not, the timeline says why (the severity
   * does not page, or {@code acknowledgedBy} acknowledged before the first page went out).
   */
  boolean pagesDeclaration(Incident incident, String acknowledgedBy, Instant now) {
    if (pages(incident.severity()) && acknowledgedBy != null) {
      incident.record(
          now,
          "not-paged",
          null,
          acknowledgedBy + " acknowledged before the first page went out; nobody is paged");
      return false;
    }
    if (!pages(incident.severity())) {
      incident.record(
          now,
          "not-paged",
          null,
          incident.severity() + " does not page; the channel is told and nobody is woken");
      return false;
    }
    return true;
  }

  /** Whether a declaration of this severity pages at all (the chain may also be empty). */
  boolean pages(Severity severity) {
    return policy.forSeverity(severity).paging() && firstLevelFor(severity) >= 0;
  }

  Duration ackTimeout(Severity severity) {
    return policy.forSeverity(severity).ackTimeout();
  }

  String exhaustedText(String incidentId) {
    return "Nobody acknowledged "
        + incidentId
        + " after "
        + policy.escalationRounds()
        + " rounds of the escalation chain; escalation has stopped";
  }

  String ackTimeoutReason(Severity severity) {
    return "no acknowledgement in " + HumanDuration.of(ackTimeout(severity));
  }

  static String missedUpdateReason(int missedUpdates) {
    return missedUpdates + " update intervals passed with no update";
  }
}
