package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.incident.EscalationLevel;
import dev.firebreak.workflows.incident.IncidentPolicy;
import dev.firebreak.workflows.incident.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Named escalation policies, how a severity and a service choose one, and what config check says.
 */
class EscalationPoliciesConfigTest {

  private static final String POLICIES =
      """
      organisation: Acme
      severities:
        P0: { policy: critical }
        P1: { policy: critical }
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      escalationPolicies:
        critical:
          rounds: 2
          levels:
            - { name: primary, targets: ["slack:U0PRIMARY"] }
            - { name: lead, after: 15m, targets: ["slack:U0LEAD"] }
            - { name: cto, after: 1h, targets: ["sms:+15550100"], severities: [P0] }
        payments:
          levels:
            - { name: payments, targets: ["pagerduty:payments"] }
      services:
        - { name: api }
        - { name: billing, policy: payments }
      """;

  private final FirebreakConfig config = checked(POLICIES);

  @ParameterizedTest(name = "a {1} incident on {0} pages by the {2} chain")
  @CsvSource({
    "api, P0, primary lead cto",
    "api, P1, primary lead cto",
    "api, P2, primary",
    "billing, P0, payments",
    "billing, P2, payments",
  })
  void theServicesPolicyWinsOverTheSeveritysAndNeitherMeansTheEscalationBlock(
      String service, Severity severity, String levels) {
    IncidentPolicy policy = new IncidentPolicyFactory(config, false).forAlert(service, severity);

    assertThat(policy.escalation())
        .extracting(EscalationLevel::name)
        .containsExactly(levels.split(" "));
  }

  @Test
  void aPolicysLevelsCarryTheirWaitsSeveritiesAndRounds() {
    IncidentPolicy policy = new IncidentPolicyFactory(config, false).forAlert("api", Severity.P0);

    assertThat(policy.escalationRounds()).isEqualTo(2);
    assertThat(policy.escalation())
        .containsExactly(
            new EscalationLevel("primary", List.of("slack:U0PRIMARY"), null, List.of()),
            new EscalationLevel("lead", List.of("slack:U0LEAD"), Duration.ofMinutes(15), List.of()),
            new EscalationLevel(
                "cto", List.of("sms:+15550100"), Duration.ofHours(1), List.of(Severity.P0)));
  }

  @Test
  void aServiceDeclaredByHandWithoutSeverityUsesItsOwnPolicyOrTheDefault() {
    IncidentPolicyFactory factory = new IncidentPolicyFactory(config, false);

    assertThat(factory.forService("billing").escalation()).hasSize(1);
    assertThat(factory.forService("api").escalation())
        .extracting(EscalationLevel::name)
        .containsExactly("primary");
  }

  @Test
  void configCheckNamesEveryWrongPolicyFieldByItsPath() {
    String broken =
        """
        organisation: Acme
        severities:
          P1: { policy: nightly }
        escalation:
          levels:
            - { name: primary, targets: ["slack:U1"] }
        escalationPolicies:
          critical:
            levels:
              - { name: primary, after: soon, targets: ["fax:+15550100"], severities: [P9] }
        services:
          - { name: api, policy: missing }
        """;

    ConfigCheck check = new ConfigLoader().check(broken);

    assertThat(check.problems())
        .extracting(ConfigProblem::toString)
        .contains(
            "severities.P1.policy: unknown escalation policy 'nightly' (known: default, critical)",
            "services[0].policy: unknown escalation policy 'missing' (known: default, critical)",
            "escalationPolicies.critical.levels[0].severities[0]: unknown severity (known: P0, P1,"
                + " P2, P3, P4)")
        .anySatisfy(p -> assertThat(p).startsWith("escalationPolicies.critical.levels[0].after:"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "escalationPolicies.critical.levels[0].targets[0]: unknown target scheme"
                            + " 'fax'"));
  }

  private static FirebreakConfig checked(String yaml) {
    ConfigCheck check = new ConfigLoader().check(yaml);
    assertThat(check.problems()).isEmpty();
    return check.config();
  }
}
