package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.diagnostics.HealthResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MonitoringTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final HealthResult DOWN =
      new HealthResult("recoup-backend", false, 503, "503", List.of(), false);

  private final IncidentPolicy policy = IncidentPolicies.recoup();
  private final Monitoring monitoring = new Monitoring(policy);

  @Test
  void aHealthyResolveStartsMonitoringWithTheFirstCheckOneIntervalLater() {
    Incident incident = EscalationTest.declared(Severity.P1);
    ChatLane chat = new ChatLane(incident, policy);

    monitoring.resolved(incident, new Resolution("bob", "Rolled back", "Bad deploy"), T0, chat);

    assertThat(incident.monitoring.endsAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    assertThat(incident.monitoring.nextCheckAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
    assertThat(incident.postMortem.input().rootCause()).isEqualTo("Bad deploy");
    assertThat(chat.next().text())
        .startsWith("🟢 Resolved by bob: Rolled back. Health checks pass");
  }

  @ParameterizedTest(name = "{0} min after the resolve: check due = {1}, period over = {2}")
  @CsvSource({"0, false, false", "1, true, false", "14, true, false", "15, true, true"})
  void checksAreDueEachIntervalAndAtTheEndOfThePeriod(int minutes, boolean due, boolean over) {
    Incident incident = monitored();
    Instant now = T0.plus(Duration.ofMinutes(minutes));

    assertThat(monitoring.checkDue(incident, now)).isEqualTo(due);
    assertThat(monitoring.periodOver(incident, now)).isEqualTo(over);
  }

  @Test
  void aFailingCheckReopensAHealthyOneWaitsForTheNextAndTheLastOnePasses() {
    Incident incident = monitored();

    assertThat(monitoring.afterChecks(incident, false, List.of(DOWN)))
        .isEqualTo(Monitoring.Verdict.REOPEN);
    assertThat(monitoring.afterChecks(incident, false, List.of()))
        .isEqualTo(Monitoring.Verdict.NEXT_CHECK);
    assertThat(monitoring.afterChecks(incident, true, List.of()))
        .isEqualTo(Monitoring.Verdict.PASSED);
    incident.lifecycle = incident.lifecycle.withStatus(IncidentStatus.MITIGATING);
    assertThat(monitoring.afterChecks(incident, true, List.of(DOWN)))
        .isEqualTo(Monitoring.Verdict.WAIT);
  }

  @Test
  void theNextCheckIsNeverAfterTheEndOfThePeriod() {
    Incident incident = monitored();

    monitoring.scheduleNextCheck(incident, T0.plus(Duration.ofSeconds(14 * 60 + 30)));

    assertThat(incident.monitoring.nextCheckAt()).isEqualTo(incident.monitoring.endsAt());
  }

  @Test
  void reopeningUndoesTheResolveAndMakesUpdatesDueAgain() {
    Incident incident = monitored();

    Monitoring.reopened(
        incident,
        null,
        Monitoring.reopenReason(List.of(DOWN)),
        T0.plusSeconds(120),
        new ChatLane(incident, policy));

    assertThat(incident.lifecycle.resolvedAt()).isNull();
    assertThat(incident.monitoring.endsAt()).isNull();
    assertThat(incident.monitoring.nextCheckAt()).isNull();
    assertThat(incident.updates.lastUpdateAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(incident.timeline().get(incident.timeline().size() - 1).text())
        .startsWith("Reopened into mitigating: health check failed during monitoring");
  }

  private Incident monitored() {
    Incident incident = EscalationTest.declared(Severity.P1);
    monitoring.resolved(
        incident, new Resolution("bob", null, null), T0, new ChatLane(incident, policy));
    incident.lifecycle = incident.lifecycle.withStatus(IncidentStatus.MONITORING);
    return incident;
  }
}
