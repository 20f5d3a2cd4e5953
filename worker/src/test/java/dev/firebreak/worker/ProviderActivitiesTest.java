package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeHealthEndpoint;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderActivitiesTest {

  private static final String CONFIG =
      """
      organisation: Acme
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      services:
        - name: api
          healthUrl: https://api.acme.test/health
      """;

  @ParameterizedTest(name = "{0} confirmation(s)")
  @CsvSource({"1, false", "2, true"})
  void theConfiguredConfirmationDecidesWhetherOneFailedHealthCheckCounts(
      int confirmations, boolean healthy) throws Exception {
    String healthChecks = "healthChecks: { confirmations: " + confirmations + ", interval: 1s }\n";
    try (FakeHealthEndpoint endpoint = new FakeHealthEndpoint();
        ProviderActivities providers =
            ProviderActivities.from(
                new ConfigLoader().load(CONFIG + healthChecks), name -> null, false)) {
      endpoint.faults().failNext(1, 503);
      DiagnosticsActivities diagnostics =
          Arrays.stream(providers.implementations())
              .filter(DiagnosticsActivities.class::isInstance)
              .map(DiagnosticsActivities.class::cast)
              .findFirst()
              .orElseThrow();

      HealthResult result =
          diagnostics.checkHealth(new HealthCheck("api", endpoint.url(), Duration.ofSeconds(2)));

      assertThat(result.healthy()).isEqualTo(healthy);
      assertThat(endpoint.requests()).hasSize(confirmations);
    }
  }
}
