package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code providers.pagerduty.webhookSecrets}: the signing secrets of PagerDuty's webhooks. */
class PagerDutyWebhookConfigTest {

  private static String config(String pagerDuty) {
    return """
        organisation: Acme
        escalation:
          levels:
            - { name: primary, targets: ["pagerduty:ops"] }
        services:
          - { name: api }
        providers:
          pagerduty: %s
        """
        .formatted(pagerDuty);
  }

  @Test
  void rotatedSecretsLoadInOrderAndEachNamesItsVariable() {
    FirebreakConfig loaded =
        new ConfigLoader()
            .load(
                config(
                    "{ routingKey: \"${PD_ROUTING_KEY}\", webhookSecrets: [\"${PD_WEBHOOK_SECRET}\","
                        + " \"${PD_WEBHOOK_SECRET_OLD}\"] }"));

    assertThat(loaded.providers().pagerduty().webhookSecrets())
        .containsExactly("${PD_WEBHOOK_SECRET}", "${PD_WEBHOOK_SECRET_OLD}");
    assertThat(
            new SecretResolver(Map.of("PD_ROUTING_KEY", "r")::get)
                .missing(loaded, "providers.pagerduty"))
        .extracting(SecretField::path, f -> f.variable().orElseThrow())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "providers.pagerduty.webhookSecrets[0]", "PD_WEBHOOK_SECRET"),
            org.assertj.core.groups.Tuple.tuple(
                "providers.pagerduty.webhookSecrets[1]", "PD_WEBHOOK_SECRET_OLD"));
  }

  @Test
  void withoutWebhookSecretsTheListIsEmpty() {
    FirebreakConfig loaded =
        new ConfigLoader().load(config("{ routingKey: \"${PD_ROUTING_KEY}\" }"));

    assertThat(loaded.providers().pagerduty().webhookSecrets()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void aLiteralSecretIsReportedAtItsOwnPositionWhereverItStands(int literalAt) {
    String[] secrets = {"\"${PD_A}\"", "\"${PD_B}\"", "\"${PD_C}\""};
    secrets[literalAt] = "\"whsec-literal\"";

    assertThat(
            new ConfigLoader()
                .check(
                    config(
                        "{ routingKey: \"${PD_ROUTING_KEY}\", webhookSecrets: ["
                            + String.join(", ", secrets)
                            + "] }"))
                .problems())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "providers.pagerduty.webhookSecrets["
                + literalAt
                + "]: secrets must be ${ENV} references, not literal values");
  }

  @Test
  void blankAndRepeatedSecretsAndAMissingRoutingKeyAreReported() {
    assertThat(
            new ConfigLoader()
                .check(config("{ webhookSecrets: [\"${PD_A}\", \"\", \"${PD_A}\"] }"))
                .problems())
        .extracting(ConfigProblem::toString)
        .containsExactlyInAnyOrder(
            "providers.pagerduty.webhookSecrets[1]: is required (a ${ENV} reference)",
            "providers.pagerduty.webhookSecrets[2]: duplicate secret '${PD_A}' (also"
                + " providers.pagerduty.webhookSecrets[0])",
            "providers.pagerduty.webhookSecrets: needs providers.pagerduty.routingKey: a webhook"
                + " finds its incident by the dedup key Firebreak's own triggers set");
  }
}
