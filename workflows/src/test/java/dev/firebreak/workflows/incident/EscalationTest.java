package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "Page level N" for an ack timeout and for missed updates, decided in one place (Recoup: three
 * levels, two rounds).
 */
class EscalationTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private final IncidentPolicy policy = IncidentPolicies.recoup();
  private final Escalation escalation = new Escalation(policy);

  @ParameterizedTest(
      name = "after level {0} in round {1} the ack timeout pages level {2} in round {3}")
  @CsvSource({
    "0, 1, 1, 1",
    "1, 1, 2, 1",
    "2, 1, 0, 2",
    "0, 2, 1, 2",
    "1, 2, 2, 2",
  })
  void anAckTimeoutPagesTheNextLevelAndStartsTheChainOverInTheNextRound(
      int pagedLevel, int round, int nextLevel, int nextRound) {
    Escalation.AckTimeout next = escalation.afterAckTimeout(pagedLevel, round, Severity.P1);

    assertThat(next).isEqualTo(new Escalation.AckTimeout(false, nextLevel, nextRound));
  }

  @Test
  void anAckTimeoutAfterTheTopOfTheLastRoundStopsEscalating() {
    assertThat(escalation.afterAckTimeout(2, 2, Severity.P1).exhausted()).isTrue();
  }

  @ParameterizedTest(
      name = "acknowledged={0}, level {1} paged last, {2} missed → level {3} (-1: nobody)")
  @CsvSource({
    "true, 0, 1, -1",
    "true, 0, 2, 1",
    "true, 0, 3, 2",
    "true, 0, 4, -1",
    "true, -1, 2, 1",
    "true, 1, 2, 2",
    "true, 1, 3, -1",
    "true, 2, 2, -1",
    "false, 0, 2, -1",
    "false, 1, 5, -1",
  })
  void aMissedUpdatePagesOneLevelAboveTheLastPagedPerIntervalFromTheSecondAndNeverRepeatsTheTop(
      boolean acknowledged, int pagedLevel, int missedUpdates, int expected) {
    OptionalInt level = escalation.levelForMissedUpdate(acknowledged, pagedLevel, missedUpdates);

    assertThat(level).isEqualTo(expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected));
  }

  @Test
  void theAckTimeoutExpiresOnlyForAnUnacknowledgedIncidentWhoseDeadlinePassed() {
    Incident incident = declared(Severity.P1);
    incident.escalation = incident.escalation.withNextAt(T0.plus(Duration.ofMinutes(15)));

    assertThat(escalation.ackTimeoutExpired(incident, T0.plus(Duration.ofMinutes(14)))).isFalse();
    assertThat(escalation.ackTimeoutExpired(incident, T0.plus(Duration.ofMinutes(15)))).isTrue();
    Escalation.acknowledged(
        incident, "bob", T0.plus(Duration.ofMinutes(15)), new ChatLane(incident, policy));
    incident.lifecycle = incident.lifecycle.withStatus(IncidentStatus.ACKNOWLEDGED);
    assertThat(escalation.ackTimeoutExpired(incident, T0.plus(Duration.ofHours(1)))).isFalse();
  }

  @Test
  void exhaustingTheChainStopsTheTimeoutAndTellsTheThread() {
    Incident incident = declared(Severity.P1);
    ChatLane chat = new ChatLane(incident, policy);
    incident.escalation = incident.escalation.withLevel(2);
    incident.escalation = incident.escalation.withRound(2);
    incident.escalation = incident.escalation.withNextAt(T0);

    assertThat(escalation.onAckTimeout(incident, T0, chat)).isEmpty();
    assertThat(incident.escalation.nextAt()).isNull();
    assertThat(incident.timeline())
        .extracting(TimelineEntry::kind)
        .endsWith("escalation-exhausted");
    assertThat(chat.next().text()).startsWith("🚨 Nobody acknowledged INC-1 after 2 rounds");
  }

  @Test
  void anAcknowledgementStopsTheTimeoutAndMakesTheFirstResponderCommander() {
    Incident incident = declared(Severity.P1);
    incident.escalation = incident.escalation.withNextAt(T0.plus(Duration.ofMinutes(15)));

    Escalation.acknowledged(
        incident, "bob", T0.plus(Duration.ofMinutes(4)), new ChatLane(incident, policy));

    assertThat(incident.escalation.nextAt()).isNull();
    assertThat(incident.lifecycle.commander()).isEqualTo("bob");
    assertThat(incident.timeToAcknowledge()).isEqualTo(Duration.ofMinutes(4));
  }

  @ParameterizedTest(name = "{0} → {1}: pages level 1 now = {2}, timeout running = {3}")
  @CsvSource({
    "P4, P1, true, true",
    "P1, P2, false, true",
    "P1, P4, false, false",
  })
  void beforeAnAcknowledgementTheAckTimeoutFollowsTheNewSeverity(
      Severity from, Severity to, boolean pagesNow, boolean running) {
    Incident incident = declared(from);
    if (from != Severity.P4) {
      incident.escalation = incident.escalation.withLevel(0);
    }
    incident.lifecycle = incident.lifecycle.withSeverity(to);

    assertThat(escalation.severityChanged(incident, T0)).isEqualTo(pagesNow);
    assertThat(incident.escalation.nextAt())
        .isEqualTo(running ? T0.plus(policy.forSeverity(to).ackTimeout()) : null);
  }

  @Test
  void aSeverityThatDoesNotPageSaysSoInsteadOfPaging() {
    Incident incident = declared(Severity.P4);

    assertThat(escalation.pagesDeclaration(incident, null, T0)).isFalse();
    assertThat(incident.timeline().get(incident.timeline().size() - 1).text())
        .contains("P4 does not page");
    assertThat(escalation.pagesDeclaration(declared(Severity.P1), null, T0)).isTrue();
    assertThat(escalation.pagesDeclaration(declared(Severity.P1), "bob", T0)).isFalse();
  }

  static Incident declared(Severity severity) {
    return Incident.declare(IncidentPolicies.declaration("INC-1", severity), T0);
  }

  @ParameterizedTest(
      name = "a {0} incident after level {1} in round {2} pages level {3} in round {4}")
  @CsvSource({
    "P0, 0, 1, 1, 1",
    "P0, 1, 1, 2, 1",
    "P0, 2, 1, 0, 2",
    "P1, 0, 1, 1, 1",
    "P1, 1, 1, 0, 2",
    "P2, 1, 1, 0, 2",
  })
  void levelsWhoseSeveritiesExcludeTheIncidentAreSkipped(
      Severity severity, int pagedLevel, int round, int nextLevel, int nextRound) {
    Escalation withPolicy = new Escalation(IncidentPolicies.recoupWithPolicy());

    assertThat(withPolicy.afterAckTimeout(pagedLevel, round, severity))
        .isEqualTo(new Escalation.AckTimeout(false, nextLevel, nextRound));
  }

  @Test
  void aCriticalOnlyLevelStopsNobodyElseOnceTheLastRoundIsUsed() {
    Escalation withPolicy = new Escalation(IncidentPolicies.recoupWithPolicy());

    assertThat(withPolicy.afterAckTimeout(1, 2, Severity.P1).exhausted()).isTrue();
    assertThat(withPolicy.afterAckTimeout(1, 2, Severity.P0).exhausted()).isFalse();
  }

  @Test
  void levelsWithoutAWaitKeepTheSeveritysAckTimeout() {
    assertThat(escalation.afterAckTimeout(0, 1, Severity.P1).level()).isEqualTo(1);
    assertThat(escalation.ackTimeout(Severity.P1)).isEqualTo(Duration.ofMinutes(15));
  }

  @ParameterizedTest(
      name = "a {0} incident whose level {1} in round {2} reached nobody hands over at once: {3}")
  @CsvSource({
    "P1, 0, 1, true",
    "P1, 1, 1, false",
    "P0, 1, 1, true",
    "P0, 2, 1, false",
    "P0, 2, 2, false",
    "P1, 0, 2, true",
  })
  void onlyALaterLevelOfTheSameRoundIsPagedAtOnceAfterALevelThatReachedNobody(
      Severity severity, int pagedLevel, int round, boolean atOnce) {
    Escalation withPolicy = new Escalation(IncidentPolicies.recoupWithPolicy());

    assertThat(withPolicy.pagesLaterInRound(pagedLevel, round, severity)).isEqualTo(atOnce);
  }
}
