package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.incident.IncidentPolicy;
import dev.firebreak.workflows.incident.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

  static final Path EXAMPLES = Path.of("..", "examples");

  static final String MINIMAL =
      """
      organisation: Acme
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      services:
        - name: api
          healthUrl: https://api.acme.test/health
      """;

  @ParameterizedTest
  @ValueSource(strings = {"recoup.yaml", "talk-to-my-lawyer.yaml", "ascendos.yaml"})
  void everyExampleLoadsWithoutProblems(String file) {
    ConfigCheck check = new ConfigLoader().check(EXAMPLES.resolve(file));

    assertThat(check.problems()).isEmpty();
    assertThat(check.config().services()).isNotEmpty();
    assertThat(check.config().escalation().levels())
        .extracting(EscalationConfig.Level::name)
        .containsExactly("primary", "secondary", "escalation");
  }

  @Test
  void demoConfigPointsItsUrlsAtTheDevServer() {
    FirebreakConfig demo =
        new ConfigLoader(Map.of(ConfigLoader.DEV_URL_VARIABLE, "http://127.0.0.1:8080")).loadDemo();

    assertThat(demo.services())
        .extracting(ServiceConfig::name)
        .containsExactly("recoup-backend", "talk-to-my-lawyer", "ascendos-api");
    assertThat(demo.service("recoup-backend").orElseThrow().healthUrl())
        .isEqualTo("http://127.0.0.1:8080/dev/services/recoup-backend/health");
    assertThat(demo.service("recoup-backend").orElseThrow().dependencies().get(0).statusPage())
        .isEqualTo("http://127.0.0.1:8080/dev/status/stripe");
    assertThat(demo.api().tokens()).isEmpty();
    for (Severity severity : Severity.values()) {
      assertThat(DurationText.parse(demo.severity(severity).ackTimeout()))
          .contains(Duration.ofSeconds(30));
    }
  }

  @Test
  void demoConfigWithoutTheDevUrlReportsTheUnexpandedVariable() {
    assertThatThrownBy(() -> new ConfigLoader().loadDemo())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("services[0].healthUrl: must be an http(s) URL");
  }

  @Test
  void brokenConfigReportsEveryProblemWithItsPath() {
    String broken =
        """
        organisation: Acme
        api:
          tokens:
            - name: ci
              token: hunter2
              roles: [admin, root]
        providers:
          slack: { botToken: "xoxb-literal", channel: "#ops" }
        severities:
          P1: { ackTimeout: soon, updateInterval: 15m, pagee: true }
          P7: { ackTimeout: 5m }
        escalation:
          levels: []
        incident:
          monitoringPeriod: 15
        services:
          - name: api
            healthUrl: ftp://api.acme.test
          - name: api
          - name: web
            platform: heroku
            platformId: x
          - name: worker
            helthUrl: https://typo.test
        """;

    ConfigCheck check = new ConfigLoader().check(broken);

    assertThat(check.problems())
        .extracting(ConfigProblem::toString)
        .contains(
            "api.tokens[0].token: secrets must be ${ENV} references, not literal values",
            "providers.slack.botToken: secrets must be ${ENV} references, not literal values",
            "escalation.levels: must list at least one level (who is paged first)",
            "services[1].name: duplicate service name 'api' (also services[0])",
            "services[2].platform: unknown platform 'heroku' (known: vercel, render)",
            "severities.P7: unknown severity (known: P0, P1, P2, P3, P4)");
    assertThat(check.problems())
        .extracting(ConfigProblem::toString)
        .anySatisfy(
            p -> assertThat(p).startsWith("severities.P1.ackTimeout: must be a duration like 15m"));
    assertThat(check.problems())
        .extracting(ConfigProblem::toString)
        .anySatisfy(
            p ->
                assertThat(p).startsWith("incident.monitoringPeriod: must be a duration like 15m"));
    assertThat(check.problems())
        .extracting(ConfigProblem::toString)
        .anySatisfy(p -> assertThat(p).startsWith("severities.P1.pagee: unknown key"));
    assertThat(check.problems())
        .extracting(ConfigProblem::toString)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "services[3].helthUrl: unknown key (known: checks, dependencies, healthUrl,"));
    assertThat(check.problems())
        .extracting(ConfigProblem::toString)
        .anySatisfy(p -> assertThat(p).startsWith("api.tokens[0].roles[1]: unknown role 'root'"));
    assertThat(check.problems())
        .extracting(ConfigProblem::toString)
        .anySatisfy(p -> assertThat(p).startsWith("services[0].healthUrl: must be an http(s) URL"));
  }

  @Test
  void privateIncidentRoomsAreReadFromTheSlackProvider() {
    String config =
        MINIMAL
            + """
        providers:
          slack: { botToken: "${SLACK_BOT_TOKEN}", channel: "#incidents", privateChannels: true }
        """;

    ConfigCheck check = new ConfigLoader().check(config);

    assertThat(check.problems()).isEmpty();
    assertThat(check.config().providers().slack().roomsArePrivate()).isTrue();
  }

  @Test
  void slackChannelAndPrivateRoomsAreCheckedWithTheirPaths() {
    String config =
        MINIMAL
            + """
        providers:
          slack: { channel: "#Incidents Room", privateChannels: true }
        """;
    String notBoolean =
        MINIMAL
            + """
        providers:
          slack: { botToken: "${SLACK_BOT_TOKEN}", privateChannels: sometimes }
        """;

    assertThat(new ConfigLoader().check(config).problems())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "providers.slack.channel: must be a channel name like #incidents (lower-case letters, digits, - and _,"
                + " at most 80) or a channel ID like C0123ABCDEF, not '#Incidents Room'",
            "providers.slack.privateChannels: needs providers.slack.botToken: the bot creates the private rooms");
    assertThat(new ConfigLoader().check(notBoolean).problems())
        .extracting(ConfigProblem::toString)
        .containsExactly("providers.slack.privateChannels: must be true or false");
  }

  @Test
  void unknownEscalationTargetSchemeIsReported() {
    String config = MINIMAL.replace("slack:U1", "teams:U1");

    assertThat(new ConfigLoader().check(config).problems())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "escalation.levels[0].targets[0]: unknown target scheme 'teams' (known: slack, pagerduty, sms, call, email, schedule)");
  }

  @Test
  void slackRolesMustBeKnownRoles() {
    String config =
        MINIMAL
            + """
        providers:
          slack:
            signingSecret: ${SLACK_SIGNING_SECRET}
            users: { U012AB3CD: admin, U045EF6GH: owner }
            defaultRole: guest
        """;

    assertThat(new ConfigLoader().check(config).problems())
        .extracting(ConfigProblem::toString)
        .containsExactlyInAnyOrder(
            "providers.slack.defaultRole: unknown role 'guest' (known: viewer, responder, admin)",
            "providers.slack.users.U045EF6GH: unknown role 'owner' (known: viewer, responder, admin)");
  }

  @Test
  void providerFieldsAreCheckedAgainstTheirProviders() {
    String config =
        """
        organisation: Acme
        escalation:
          levels:
            - { name: primary, targets: ["sms:5550100", "email:nobody", "pagerduty:ops"] }
        severities:
          P1: { statusPageImpact: major }
          P2: { statusPageImpact: huge }
        services:
          - { name: api, sentryProject: "4501" }
          - { name: web, sentryProject: web-prod }
        """;

    assertThat(new ConfigLoader().check(config).problems())
        .extracting(ConfigProblem::toString)
        .containsExactlyInAnyOrder(
            "escalation.levels[0].targets[0]: must be an E.164 phone number such as sms:+15550100, not 'sms:5550100'",
            "escalation.levels[0].targets[1]: must be an email address such as email:oncall@example.com, not 'email:nobody'",
            "severities.P1.statusPageImpact: needs providers.statuspage (the page to post on)",
            "severities.P2.statusPageImpact: unknown impact 'huge' (known: none, minor, major, critical)",
            "services[0].sentryProject: needs providers.sentry (the organisation and its auth token)",
            "services[1].sentryProject: must be the numeric Sentry project id (Project Settings → General), not 'web-prod'");
  }

  @Test
  void publicSeverityAndSentryProjectReachTheIncidentPolicy() {
    String config =
        """
        organisation: Acme
        providers:
          statuspage: { apiKey: "${STATUSPAGE_API_KEY}", pageId: page1 }
          sentry: { authToken: "${SENTRY_AUTH_TOKEN}", organisation: acme }
        severities:
          P1: { statusPageImpact: critical }
        escalation:
          levels:
            - { name: primary, targets: ["slack:U1"] }
        services:
          - { name: api, statusPageComponent: cmp-api, sentryProject: "4501" }
        """;
    ConfigCheck check = new ConfigLoader().check(config);
    assertThat(check.problems()).isEmpty();

    IncidentPolicy policy = new IncidentPolicyFactory(check.config(), false).forService("api");

    assertThat(policy.forSeverity(Severity.P1).statusPageImpact()).isEqualTo("critical");
    assertThat(policy.forSeverity(Severity.P2).statusPageImpact()).isNull();
    assertThat(policy.services().get(0).statusPageComponent()).isEqualTo("cmp-api");
    assertThat(policy.services().get(0).sentryProject()).isEqualTo("4501");
  }

  @Test
  void wronglyShapedValuesAreReportedAndTheRestIsStillChecked() {
    String config =
        MINIMAL
            + """
        incident:
          historyEventLimit: lots
        severities: [P1]
        """;

    assertThat(new ConfigLoader().check(config).problems())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "incident.historyEventLimit: must be a whole number",
            "severities: must be a mapping of keys to values");
  }

  @Test
  void invalidYamlIsOneProblemWithItsLine() {
    ConfigCheck check = new ConfigLoader().check("organisation: [unclosed\n");

    assertThat(check.config()).isNull();
    assertThat(check.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("(file)");
              assertThat(p.message()).startsWith("is not valid YAML").contains("line");
            });
  }

  @Test
  void unquotedReferenceInsideBracesGetsAHint() {
    ConfigCheck check =
        new ConfigLoader()
            .check(MINIMAL + "providers:\n  slack: { botToken: ${SLACK_BOT_TOKEN} }\n");

    assertThat(check.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("write ${VAR} references in quotes"));
  }

  @Test
  void quotedReferenceInsideBracesIsASecretReference() {
    ConfigCheck check =
        new ConfigLoader()
            .check(MINIMAL + "providers:\n  slack: { botToken: \"${SLACK_BOT_TOKEN}\" }\n");

    assertThat(check.problems()).isEmpty();
    assertThat(check.config().providers().slack().botToken()).isEqualTo("${SLACK_BOT_TOKEN}");
  }

  @Test
  void missingSeveritiesTakeTheRunbookDefaultsAndDeclaredOnesOverrideFieldByField() {
    FirebreakConfig config =
        new ConfigLoader()
            .load(
                MINIMAL
                    + """
        severities:
          P2: { ackTimeout: 45m }
        """);

    IncidentPolicy policy = new IncidentPolicyFactory(config, true).forService("api");

    assertThat(policy.forSeverity(Severity.P1).ackTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(policy.forSeverity(Severity.P1).paging()).isTrue();
    assertThat(policy.forSeverity(Severity.P2).ackTimeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(policy.forSeverity(Severity.P2).updateInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(policy.forSeverity(Severity.P4).paging()).isFalse();
  }

  @Test
  void policyCarriesTheServiceTheEscalationChainAndTheTimings() {
    FirebreakConfig config = new ConfigLoader().load(EXAMPLES.resolve("recoup.yaml"));

    IncidentPolicy policy = new IncidentPolicyFactory(config, false).forService("recoup-backend");

    assertThat(policy.channel()).isEqualTo("#incidents");
    assertThat(policy.escalationRounds()).isEqualTo(3);
    assertThat(policy.escalation()).hasSize(3);
    assertThat(policy.services())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.healthUrl()).isEqualTo("https://recoup-backend.onrender.com/health");
              assertThat(s.platform()).isEqualTo("render");
              assertThat(s.dependencies())
                  .anySatisfy(
                      d -> assertThat(d.statusPageUrl()).isEqualTo("https://status.stripe.com"));
            });
    assertThat(policy.monitoringPeriod()).isEqualTo(Duration.ofMinutes(15));
    assertThat(policy.historyEventLimit()).isEqualTo(2000);
    assertThat(policy.searchAttributes()).isFalse();
  }

  @Test
  void channelDefaultsToIncidentsWithoutSlack() {
    IncidentPolicy policy =
        new IncidentPolicyFactory(new ConfigLoader().load(MINIMAL), false).forService("api");

    assertThat(policy.channel()).isEqualTo("#incidents");
  }

  @Test
  void resolverNamesTheVariablesAProviderStillNeeds() {
    FirebreakConfig config = new ConfigLoader().load(EXAMPLES.resolve("recoup.yaml"));
    SecretResolver resolver = new SecretResolver(Map.of("SLACK_BOT_TOKEN", "xoxb-1")::get);

    assertThat(resolver.missing(config, "providers.slack"))
        .extracting(SecretField::path, f -> f.variable().orElseThrow())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "providers.slack.signingSecret", "SLACK_SIGNING_SECRET"));
    assertThat(resolver.resolve("${SLACK_BOT_TOKEN}")).contains("xoxb-1");
    assertThat(resolver.resolve("xoxb-literal")).isEmpty();
  }

  @Test
  void loadingAFileWithProblemsThrowsWithAllOfThem(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("firebreak.yaml"), "organisation: ''\n");

    assertThatThrownBy(() -> new ConfigLoader().load(file))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::path)
                    .containsExactly("organisation", "escalation.levels", "services"));
  }
}
