package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.Clip;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateCadenceTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private final IncidentPolicy policy = IncidentPolicies.recoup();
  private final UpdateCadence cadence = new UpdateCadence(policy);

  @ParameterizedTest(
      name = "{0}: with {1} intervals missed the next update is due {2} min after the last")
  @CsvSource({"P1, 0, 15", "P1, 1, 30", "P1, 3, 60", "P2, 0, 30", "P3, 1, 240"})
  void eachMissedIntervalMovesTheDueTimeOneIntervalFurther(
      Severity severity, int missed, int minutes) {
    Incident incident = EscalationTest.declared(severity);
    incident.updates = new UpdateCadence.State(T0, missed, 0, null);

    assertThat(cadence.due(incident)).isEqualTo(T0.plus(Duration.ofMinutes(minutes)));
  }

  @Test
  void anUpdateIsOverdueOnlyWhileTheIncidentIsOpen() {
    Incident incident = EscalationTest.declared(Severity.P1);

    assertThat(cadence.overdue(incident, T0.plus(Duration.ofMinutes(14)))).isFalse();
    assertThat(cadence.overdue(incident, T0.plus(Duration.ofMinutes(15)))).isTrue();
    incident.lifecycle = incident.lifecycle.withStatus(IncidentStatus.MONITORING);
    assertThat(cadence.overdue(incident, T0.plus(Duration.ofHours(2)))).isFalse();
  }

  @Test
  void aResponderUpdateRestartsTheCadenceAndIsClipped() {
    Incident incident = EscalationTest.declared(Severity.P1);
    incident.updates = new UpdateCadence.State(T0, 2, 0, null);
    ChatLane chat = new ChatLane(incident, policy);

    ResponderUpdate clipped =
        cadence.record(
            incident,
            new ResponderUpdate("bob", "x".repeat(Clip.HISTORY_TEXT + 10), "10 min", null),
            T0.plusSeconds(60),
            chat);

    assertThat(clipped.text()).hasSize(Clip.HISTORY_TEXT);
    assertThat(incident.updates.missed()).isZero();
    assertThat(incident.updates.posted()).isEqualTo(1);
    assertThat(cadence.due(incident)).isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(15)));
    assertThat(chat.next().text()).startsWith("📊 UPDATE from bob: ").contains("⏰ ETA: 10 min");
  }

  @Test
  void beforeAnAcknowledgementTheReminderGoesToTheLevelBeingPaged() {
    Incident incident = EscalationTest.declared(Severity.P1);
    incident.escalation = incident.escalation.withLevel(1);

    assertThat(cadence.addressee(incident)).isEqualTo("secondary on call (slack:U0SECONDARY)");
    assertThat(cadence.reminderText(incident, T0.plus(Duration.ofMinutes(15))))
        .contains("for 15m")
        .endsWith(". Acknowledge it, then post an update: what you found, ETA, actions.");
  }

  @Test
  void afterAnAcknowledgementTheReminderGoesToTheCommander() {
    Incident incident = EscalationTest.declared(Severity.P1);
    incident.lifecycle = incident.lifecycle.acknowledged("bob", T0);

    cadence.remind(incident, T0.plus(Duration.ofMinutes(15)), new ChatLane(incident, policy));

    assertThat(cadence.addressee(incident)).isEqualTo("bob");
    assertThat(incident.updates.missed()).isEqualTo(1);
    assertThat(incident.timeline().get(incident.timeline().size() - 1).text())
        .isEqualTo("No update for 15m (due every 15m)");
  }
}
