package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IncidentDiagnosticsTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final HealthResult UP =
      new HealthResult("recoup-backend", true, 200, "ok", List.of(), false);

  private final IncidentDiagnostics diagnostics =
      new IncidentDiagnostics(IncidentPolicies.recoupWithProviders());

  @ParameterizedTest(name = "error tracker allowed: {0}")
  @ValueSource(booleans = {true, false})
  void anAssessmentChecksEachServicesDependenciesDeploysAndErrorsWhenAllowed(boolean countErrors) {
    List<IncidentDiagnostics.ServiceDiagnostics> plan = diagnostics.assessment(T0, countErrors);

    assertThat(plan)
        .singleElement()
        .satisfies(
            service -> {
              assertThat(service.dependencies())
                  .extracting(c -> c.dependency())
                  .containsExactly("stripe");
              assertThat(service.deploys().since()).isEqualTo(T0);
              assertThat(service.errors() != null).isEqualTo(countErrors);
            });
    assertThat(diagnostics.healthChecks())
        .extracting(HealthCheck::service)
        .containsExactly("recoup-backend");
  }

  @Test
  void aDiagnosticThatCouldNotAnswerIsAFindingNotAFailure() {
    HealthCheck check =
        new HealthCheck("recoup-backend", "http://x/health", Duration.ofSeconds(10));

    HealthResult result = IncidentDiagnostics.couldNotCheck(check, "timed out");

    assertThat(result.healthy()).isFalse();
    assertThat(result.summary()).isEqualTo("could not check: timed out");
  }

  @Test
  void healthyResultsAreRecordedOnlyWhenAskedAndFailingOnesAlways() {
    Incident incident = EscalationTest.declared(Severity.P1);
    HealthResult down = new HealthResult("recoup-backend", false, 503, "503", List.of(), false);

    assertThat(diagnostics.healthLine(incident, List.of(UP), false)).isNull();
    assertThat(diagnostics.healthLine(incident, List.of(UP), true)).startsWith("Health: ");
    assertThat(diagnostics.healthLine(incident, List.of(down), false)).startsWith("Health: ");
    assertThat(diagnostics.healthLine(incident, List.of(), true))
        .isEqualTo("No health endpoints configured for recoup-backend");
    assertThat(IncidentDiagnostics.failing(List.of(UP, down))).containsExactly(down);
  }
}
