package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeHealthEndpoint;
import dev.firebreak.activities.fakes.FakeTwilio;
import dev.firebreak.activities.fakes.FakeVercel;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import dev.firebreak.workflows.playbook.EnvChange;
import dev.firebreak.workflows.playbook.EnvChanged;
import dev.firebreak.workflows.playbook.PlatformActivities;
import dev.firebreak.workflows.rollback.PlatformService;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

  @ParameterizedTest(name = "VERCEL_TOKEN set: {0}")
  @CsvSource({"false", "true"})
  void platformChangesAreLiveWhenThePlatformsSecretIsSetAndDryRunOtherwise(boolean tokenSet)
      throws Exception {
    String providers = "providers:\n  vercel:\n    token: ${VERCEL_TOKEN}\n";
    try (FakeVercel vercel =
            new FakeVercel("vercel-token", null)
                .productionDeploy("prj_1", "dpl_1", Instant.now(), "READY", "aaa");
        ProviderActivities wired =
            ProviderActivities.from(
                new ConfigLoader().load(CONFIG + providers),
                Map.of(
                        "VERCEL_TOKEN",
                        tokenSet ? "vercel-token" : "",
                        "VERCEL_API_URL",
                        vercel.baseUrl())
                    ::get,
                false)) {
      PlatformActivities platform =
          Arrays.stream(wired.implementations())
              .filter(PlatformActivities.class::isInstance)
              .map(PlatformActivities.class::cast)
              .findFirst()
              .orElseThrow();

      EnvChanged changed =
          platform.changeEnv(
              new EnvChange(
                  new PlatformService("web", "vercel", "prj_1"), Map.of("FLAG", "on"), List.of()));

      assertThat(changed.dryRun()).isEqualTo(!tokenSet);
      assertThat(vercel.productionValue("prj_1", "FLAG")).isEqualTo(tokenSet ? "on" : null);
    }
  }

  @ParameterizedTest(name = "TWILIO_AUTH_TOKEN set: {0}")
  @CsvSource({"false", "true"})
  void phoneCallPagesAreLiveWhenTwiliosTokenIsSetAndDryRunOtherwise(boolean tokenSet)
      throws Exception {
    String sid = "AC0123456789abcdef0123456789abcdef";
    String providers =
        """
        providers:
          twilio:
            accountSid: %s
            authToken: ${TWILIO_AUTH_TOKEN}
            from: "+15005550006"
            publicUrl: https://firebreak.example.com
        """
            .formatted(sid);
    try (FakeTwilio twilio = new FakeTwilio(sid, "twilio-token");
        ProviderActivities wired =
            ProviderActivities.from(
                new ConfigLoader().load(CONFIG + providers),
                Map.of(
                        "TWILIO_AUTH_TOKEN",
                        tokenSet ? "twilio-token" : "",
                        "TWILIO_API_URL",
                        twilio.baseUrl())
                    ::get,
                false)) {
      TestActivityEnvironment env = TestActivityEnvironment.newInstance();
      try {
        env.registerActivitiesImplementations(
            Arrays.stream(wired.implementations())
                .filter(PagingActivities.class::isInstance)
                .findFirst()
                .orElseThrow());
        PagingActivities paging =
            env.newActivityStub(
                PagingActivities.class,
                ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .build());

        Delivery delivery =
            paging.page(
                new PageRequest(
                    "INC-1/page-r1-l1",
                    "INC-1",
                    "P1",
                    "Checkout returns 500",
                    "primary",
                    List.of("call:+15550100"),
                    null,
                    "#incidents",
                    null));

        assertThat(delivery.dryRun()).isEqualTo(!tokenSet);
        assertThat(twilio.calls()).hasSize(tokenSet ? 1 : 0);
        assertThat(wired.summary())
            .contains(
                tokenSet
                    ? "Twilio: live (" + twilio.baseUrl() + ")"
                    : "Twilio: dry-run (set TWILIO_AUTH_TOKEN to go live)");
      } finally {
        env.close();
      }
    }
  }
}
