package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigWarningsTest {

  private static final String BASE =
      """
      organisation: Acme
      escalation:
        levels:
          - { name: primary, targets: [%s] }
      services:
        - name: api
          healthUrl: https://api.example.com/health
      """;

  private static ConfigCheck check(String yaml, Map<String, String> environment) {
    return ConfigLoader.forCheck(environment::get).check(yaml);
  }

  @Test
  void theDevModeConfigChecksAndItsDevOnlyUrlsAreWarnedAbout() throws IOException {
    String demo;
    try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEMO_RESOURCE)) {
      demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    ConfigCheck check = check(demo, Map.of());

    assertThat(check.problems()).isEmpty();
    assertThat(check.warnings())
        .extracting(ConfigProblem::path)
        .contains(
            "services[0].healthUrl",
            "services[0].dependencies[0].statusPage",
            "services[2].healthUrl");
    assertThat(check.warnings())
        .filteredOn(w -> w.path().equals("services[0].healthUrl"))
        .singleElement()
        .asString()
        .contains("${FIREBREAK_DEV_URL}")
        .contains("only 'firebreak dev' fills it in");
  }

  @Test
  void criticalitySettingsThatCannotTakeEffectAreWarnedAbout() {
    String yaml =
        """
        organisation: Acme
        escalation:
          levels:
            - { name: primary, targets: ["slack:U012AB3CD"] }
        services:
          - { name: api, healthUrl: "https://api.acme.test/health", checks: { email: { critical: false } } }
          - { name: web, platform: vercel, platformId: prj_1, checks: { email: { critical: false } } }
        playbooks:
          - name: site-down
            diagnosis:
              - { name: deploys, kind: deploys, service: web, critical: true }
              - { name: recent, kind: deploys, service: web }
        """;

    ConfigCheck check = check(yaml, Map.of());

    assertThat(check.problems()).isEmpty();
    assertThat(check.warnings())
        .extracting(ConfigProblem::toString)
        .containsExactlyInAnyOrder(
            "services[1].checks: the service has no healthUrl, so no health check reads these sub-checks",
            "playbooks[0].diagnosis[0].critical: a deploys probe reports the recent deploys and never fails, so critical changes nothing");
  }

  @Test
  void productionLoadingStillRefusesADevOnlyUrl() {
    String yaml =
        BASE.formatted("\"slack:U012AB3CD\"")
            .replace("https://api.example.com", "${FIREBREAK_DEV_URL}");

    assertThat(new ConfigLoader().check(yaml).problems())
        .extracting(ConfigProblem::path)
        .containsExactly("services[0].healthUrl");
  }

  @ParameterizedTest(name = "{0} warns: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "email:oncall@example.com | is never mailed: there is no mail provider (providers.sendgrid)",
        "slack:@alice             | is not a Slack member ID, so the page mentions nobody; use the ID such as slack:U012AB3CD (profile → ⋮ → Copy member ID), not the @handle",
        "slack:alice              | is not a Slack member ID, so the page mentions nobody",
      })
  void aTargetNobodyCanReachIsWarnedAboutButAccepted(String target, String warning) {
    ConfigCheck check = check(BASE.formatted("\"" + target + "\""), Map.of());

    assertThat(check.ok()).isTrue();
    assertThat(check.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("escalation.levels[0].targets[0]");
              assertThat(w.message()).startsWith("'" + target + "' " + warning);
            });
  }

  @ParameterizedTest
  @CsvSource({
    "slack:U012AB3CD",
    "slack:W012AB3CD",
    "slack:S0GROUP1",
    "sms:+15550100",
    "pagerduty:recoup"
  })
  void aReachableTargetIsNotWarnedAbout(String target) {
    assertThat(check(BASE.formatted("\"" + target + "\""), Map.of()).warnings()).isEmpty();
  }

  @Test
  void anEmailTargetWithAMailProviderIsNotWarnedAbout() {
    String yaml =
        BASE.formatted("\"email:oncall@example.com\"")
            + "providers:\n  sendgrid: { apiKey: \"${SENDGRID_API_KEY}\", from: ops@example.com }\n";

    assertThat(check(yaml, Map.of()).warnings()).isEmpty();
  }

  private static final String CALLS =
      BASE.formatted("\"slack:U012AB3CD\"")
          + """
      maintenance:
        windows:
          - name: monthly
            services: [api]
            recurrence: "first Sunday of the month 02:00 UTC"
            duration: 2h
            preChecks:
              - { name: backup, http: { url: "%1$s/ops/backup", headers: { Authorization: "Bearer ${OPS_TOKEN}" } } }
            maintenanceMode:
              enable: { url: "https://api.example.com/ops/maintenance", body: "{\\"key\\":\\"${OPS_TOKEN}\\"}" }
              disable: { url: "https://api.example.com/ops/maintenance", method: DELETE }
      jobs:
        - name: nightly
          schedule: "0 2 * * *"
          action: { url: "https://api.example.com/api/cron?key=${CRON_SECRET}" }
      """;

  @Test
  void callsWhoseVariablesAreUnsetOrDevOnlyAreWarnedAboutWithTheirPaths() {
    ConfigCheck check = check(CALLS.formatted("${FIREBREAK_DEV_URL}"), Map.of());

    assertThat(check.problems()).isEmpty();
    assertThat(check.warnings())
        .extracting(ConfigProblem::toString)
        .containsExactlyInAnyOrder(
            "maintenance.windows[0].preChecks[0].http.url: uses ${FIREBREAK_DEV_URL}, which only 'firebreak dev' sets "
                + "(to its own address); anywhere else this call fails unless FIREBREAK_DEV_URL is set",
            "maintenance.windows[0].preChecks[0].http.headers.Authorization: ${OPS_TOKEN} is not set here; the call "
                + "fails when it runs unless OPS_TOKEN is set where the worker runs",
            "maintenance.windows[0].maintenanceMode.enable.body: ${OPS_TOKEN} is not set here; the call fails when it "
                + "runs unless OPS_TOKEN is set where the worker runs",
            "jobs[0].action.url: ${CRON_SECRET} is not set here; the call fails when it runs unless CRON_SECRET is set "
                + "where the worker runs");
  }

  @Test
  void callsWhoseVariablesAreSetAreNotWarnedAbout() {
    ConfigCheck check =
        check(
            CALLS.formatted("https://api.example.com"),
            Map.of("OPS_TOKEN", "t", "CRON_SECRET", "s"));

    assertThat(check.warnings()).isEmpty();
  }
}
