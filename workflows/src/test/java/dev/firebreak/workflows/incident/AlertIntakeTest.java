package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertIntakeTest {

  @ParameterizedTest(name = "{0}: firing={1}, autoResolve={2} → {3}")
  @CsvSource({
    "DECLARED, true, true, COUNT_ONLY",
    "MITIGATING, true, false, COUNT_ONLY",
    "MONITORING, true, true, REOPEN",
    "POST_MORTEM, true, false, REOPEN",
    "CLOSED, true, true, NEXT_INCIDENT",
    "DECLARED, false, true, RESOLVE",
    "MITIGATING, false, true, RESOLVE",
    "MITIGATING, false, false, COUNT_ONLY",
    "MONITORING, false, true, COUNT_ONLY",
    "CLOSED, false, true, COUNT_ONLY",
  })
  void aDeliveryReopensOpensTheNextIncidentOrResolvesDependingOnWhereTheIncidentIs(
      IncidentStatus status, boolean firing, boolean autoResolve, AlertIntake.Action expected) {
    AlertReceived alert =
        new AlertReceived(
            "alertmanager", "fp-1", firing, "HighErrorRate", Severity.P1, null, null, autoResolve);

    assertThat(AlertIntake.decide(status, alert)).isEqualTo(expected);
  }
}
