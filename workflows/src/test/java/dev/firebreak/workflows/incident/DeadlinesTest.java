package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one timer's deadline: the earliest of what the incident's state has running. */
class DeadlinesTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private final IncidentPolicy policy = IncidentPolicies.recoup();
  private final UpdateCadence cadence = new UpdateCadence(policy);

  @Test
  void anUnacknowledgedIncidentWakesAtTheEarlierOfItsAckTimeoutAndItsUpdate() {
    Incident incident = EscalationTest.declared(Severity.P1);
    incident.escalation = incident.escalation.withNextAt(T0.plus(Duration.ofMinutes(5)));

    assertThat(Deadlines.next(incident, cadence, T0)).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    incident.escalation = incident.escalation.withNextAt(null);
    assertThat(Deadlines.next(incident, cadence, T0)).isEqualTo(T0.plus(Duration.ofMinutes(15)));
  }

  @Test
  void anAcknowledgedIncidentNotYetAssessedIsDueNow() {
    Incident incident = EscalationTest.declared(Severity.P1);
    incident.lifecycle = incident.lifecycle.withStatus(IncidentStatus.ACKNOWLEDGED);

    assertThat(Deadlines.next(incident, cadence, T0.plusSeconds(30))).isEqualTo(T0.plusSeconds(30));
    incident.assessment = incident.assessment.started();
    assertThat(Deadlines.next(incident, cadence, T0.plusSeconds(30)))
        .isEqualTo(T0.plus(Duration.ofMinutes(15)));
  }

  @Test
  void monitoringWakesForItsNextCheckAndThePostMortemForItsReminder() {
    Incident incident = EscalationTest.declared(Severity.P1);
    new Monitoring(policy).start(incident, T0);
    incident.lifecycle = incident.lifecycle.withStatus(IncidentStatus.MONITORING);
    assertThat(Deadlines.next(incident, cadence, T0)).isEqualTo(T0.plus(Duration.ofMinutes(1)));

    incident.lifecycle = incident.lifecycle.withStatus(IncidentStatus.POST_MORTEM);
    incident.postMortem = incident.postMortem.withNextReminderAt(T0.plus(Duration.ofHours(12)));
    assertThat(Deadlines.next(incident, cadence, T0)).isEqualTo(T0.plus(Duration.ofHours(12)));
  }

  @Test
  void aClosedIncidentHasNoDeadline() {
    Incident incident = EscalationTest.declared(Severity.P1);
    incident.lifecycle = incident.lifecycle.withStatus(IncidentStatus.CLOSED);

    assertThat(Deadlines.next(incident, cadence, T0)).isNull();
  }
}
