package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.maintenance.MaintenancePlan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceConfigTest {

  private static final String WINDOW =
      ConfigLoaderTest.MINIMAL
          + """
        platform: render
        platformId: srv-1
        statusPageComponent: cmp-api
    maintenance:
      windows:
        - name: api-monthly
          services: [api]
          recurrence: "first Sunday of the month 02:00 UTC"
          duration: 2h
          announce: { offsets: [48h, 1h], channel: "#ops" }
          preChecks:
            - { name: "Create a database backup", http: { url: "https://ops.acme.test/backup", headers: { Authorization: "Bearer ${OPS_TOKEN}" } } }
            - { name: "Test the rollback procedure", manual: "roll back staging and back again" }
          maintenanceMode:
            enable: { url: "https://api.acme.test/admin/maintenance", body: '{"on":true}' }
            disable: { url: "https://api.acme.test/admin/maintenance", body: '{"on":false}' }
          postChecks:
            - { name: "Test payment processing", http: { method: GET, url: "https://api.acme.test/checkout/selftest", expectedStatus: 200 } }
          monitoringPeriod: 45m
    """;

  @Test
  void aWindowBecomesThePlanItsWindowsRunBy() {
    ConfigCheck check = new ConfigLoader().check(WINDOW);
    assertThat(check.problems()).isEmpty();
    FirebreakConfig config = check.config();

    MaintenancePlanFactory factory =
        new MaintenancePlanFactory(config, new IncidentPolicyFactory(config, false));
    MaintenancePlan plan =
        factory.plan(
            factory.templateFor(List.of("api")),
            List.of("api"),
            List.of(
                MaintenancePlanFactory.requested(
                    new MaintenanceStepConfig("Swap database", "promote the replica", null))));

    assertThat(plan.channel()).isEqualTo("#ops");
    assertThat(plan.announceOffsets()).containsExactly(Duration.ofHours(48), Duration.ofHours(1));
    assertThat(plan.preChecks())
        .extracting(s -> s.name() + (s.manual() ? " (manual)" : " " + s.action().url()))
        .containsExactly(
            "Create a database backup https://ops.acme.test/backup",
            "Test the rollback procedure (manual)");
    assertThat(plan.preChecks().get(0).action().headers())
        .containsEntry("Authorization", "Bearer ${OPS_TOKEN}");
    assertThat(plan.maintenanceModeOn().action().body()).isEqualTo("{\"on\":true}");
    assertThat(plan.steps()).extracting(s -> s.name()).containsExactly("Swap database");
    assertThat(plan.postChecks().get(0).action().expectedStatus()).isEqualTo(200);
    assertThat(plan.healthChecks())
        .extracting(h -> h.url())
        .containsExactly("https://api.acme.test/health");
    assertThat(plan.statusPageComponents()).containsExactly("cmp-api");
    assertThat(plan.monitoringPeriod()).isEqualTo(Duration.ofMinutes(45));
    assertThat(plan.rollbacks()).extracting(r -> r.service()).containsExactly("api");
    assertThat(plan.incidentSeverity().name()).isEqualTo("P1");
  }

  @Test
  void everyMistakeInAWindowIsReportedWithItsPath() {
    String broken =
        WINDOW
            .replace("services: [api]", "services: [api, billing]")
            .replace("first Sunday of the month 02:00 UTC", "whenever it is quiet")
            .replace(
                "offsets: [48h, 1h], channel: \"#ops\"",
                "offsets: [two days], emails: [ops@acme.test]")
            .replace(
                "manual: \"roll back staging and back again\"",
                "manual: x, http: { url: \"https://x.test\" }")
            .replace(
                "disable: { url: \"https://api.acme.test/admin/maintenance\", body: '{\"on\":false}' }",
                "")
            .replace("method: GET", "method: FETCH")
            .replace("monitoringPeriod: 45m", "monitoringPeriod: soon\n      incidentSeverity: P9");

    assertThat(new ConfigLoader().check(broken).problems())
        .extracting(ConfigProblem::toString)
        .containsExactlyInAnyOrder(
            "maintenance.windows[0].services[1]: unknown service 'billing'",
            "maintenance.windows[0].recurrence: 'whenever it is quiet' is not a rule Firebreak understands; write it like "
                + "'every Saturday 02:00' or 'first Sunday of the month 02:00 UTC'",
            "maintenance.windows[0].announce.offsets[0]: must be a duration like 15m (30s, 15m, 1h, 2d or ISO-8601 such as PT15M), not 'two days'",
            "maintenance.windows[0].announce.emails: needs providers.sendgrid (the account that sends the mail)",
            "maintenance.windows[0].preChecks[1]: must have exactly one of 'manual' (what a person does) or 'http' (the call to make)",
            "maintenance.windows[0].maintenanceMode.disable: is required",
            "maintenance.windows[0].postChecks[0].http.method: unknown method 'FETCH' (known: GET, POST, PUT, PATCH, DELETE)",
            "maintenance.windows[0].monitoringPeriod: must be a duration like 15m (30s, 15m, 1h, 2d or ISO-8601 such as PT15M), not 'soon'",
            "maintenance.windows[0].incidentSeverity: unknown severity 'P9' (known: P0, P1, P2, P3, P4)");
  }

  @Test
  void namedStepsAndAllowedHostsAreCheckedWithTheirPaths() {
    String config =
        ConfigLoaderTest.MINIMAL
            + """
        maintenance:
          steps:
            - { name: purge-cdn, http: { url: "https://cdn.acme.test/purge", headers: { Authorization: "Bearer ${CDN_TOKEN}" } } }
            - { name: purge-cdn, manual: "again" }
            - { name: "Warm Cache", manual: "open the home page" }
            - { name: nothing }
          allowedHosts: [ops.acme.test, "10.0.0.5:8080", "https://evil.test/"]
        """;

    assertThat(new ConfigLoader().check(config).problems())
        .extracting(ConfigProblem::toString)
        .containsExactlyInAnyOrder(
            "maintenance.steps[1].name: duplicate step name 'purge-cdn' (also maintenance.steps[0])",
            "maintenance.steps[2].name: must be lower-case letters, digits and dashes, like purge-cdn (requests name it)",
            "maintenance.steps[3]: must have exactly one of 'manual' (what a person does) or 'http' (the call to make)",
            "maintenance.allowedHosts[2]: must be a host name, optionally with :port (like ops.example.com or 10.0.0.5:8080), "
                + "not 'https://evil.test/'");
  }

  @Test
  void adHocCallsMayOnlyReachTheHostsTheConfigNames() {
    FirebreakConfig config =
        new ConfigLoader()
            .load(
                ConfigLoaderTest.MINIMAL
                    + """
        providers:
          stripe: { apiKey: "${STRIPE_API_KEY}" }
        maintenance:
          allowedHosts: [ops.acme.test, "10.0.0.5:8080"]
        """);
    AllowedHosts hosts = AllowedHosts.of(config);

    assertThat(
            List.of(
                "https://api.acme.test/anything",
                "https://api.stripe.com/v1/x",
                "http://ops.acme.test:9000/",
                "https://OPS.acme.test/hook?t=${X}",
                "http://10.0.0.5:8080/"))
        .allSatisfy(url -> assertThat(hosts.allows(url)).as(url).isTrue());
    assertThat(
            List.of(
                "https://api.acme.test:8443/",
                "http://10.0.0.5/",
                "https://slack.com/api/chat.postMessage",
                "http://api.acme.test@evil.test/",
                "https://api.acme.test\\@evil.test/",
                "ftp://ops.acme.test/",
                "${FIREBREAK_DEV_URL}/steal",
                "http://169.254.169.254/latest/meta-data/"))
        .allSatisfy(url -> assertThat(hosts.allows(url)).as(url).isFalse());
  }
}
