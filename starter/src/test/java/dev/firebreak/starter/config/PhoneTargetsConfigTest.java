package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What config check says about {@code call:} targets and the Twilio account they need. */
class PhoneTargetsConfigTest {

  private static final String TWILIO =
      """
      providers:
        twilio:
          accountSid: AC0123456789abcdef0123456789abcdef
          authToken: ${TWILIO_AUTH_TOKEN}
          from: "+15005550006"
          publicUrl: https://firebreak.example.com
      """;

  private static String config(String providers, String target) {
    return """
        organisation: Acme
        %s
        escalation:
          levels:
            - { name: primary, targets: ["slack:U0PRIMARY"] }
        escalationPolicies:
          critical:
            levels:
              - { name: cto, after: 1h, targets: ["%s"] }
        services:
          - { name: api }
        """
        .formatted(providers, target);
  }

  @Test
  void aCallTargetWithTwilioAndItsPublicUrlIsAccepted() {
    ConfigCheck check = new ConfigLoader().check(config(TWILIO, "call:+447700900123"));

    assertThat(check.problems()).isEmpty();
    assertThat(check.config().providers().twilio().publicUrl())
        .isEqualTo("https://firebreak.example.com");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no Twilio|''|'call:+447700900123' needs providers.twilio: nobody can place the call"
            + " without it",
        "no public URL|providers: { twilio: { accountSid: AC1, authToken: '${T}', from: '+15005550006' } }"
            + "|'call:+447700900123' needs providers.twilio.publicUrl: the key press that"
            + " acknowledges comes back to it"
      })
  void aCallTargetIsRefusedWhenNobodyCouldPlaceTheCallOrHearTheKeyPress(
      String why, String providers, String message) {
    ConfigCheck check = new ConfigLoader().check(config(providers, "call:+447700900123"));

    assertThat(check.problems())
        .extracting(ConfigProblem::toString)
        .containsExactly("escalationPolicies.critical.levels[0].targets[0]: " + message);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"call:447700900123", "call:+0447700900", "call:+44 7700 900123", "call:"})
  void aCallTargetMustBeAnE164Number(String target) {
    ConfigCheck check = new ConfigLoader().check(config(TWILIO, target));

    assertThat(check.problems())
        .extracting(ConfigProblem::path)
        .contains("escalationPolicies.critical.levels[0].targets[0]");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"firebreak.example.com", "ftp://firebreak.example.com", "https://x.example?a=1"})
  void thePublicUrlMustBeAnAddressTwilioCanPostTo(String url) {
    ConfigCheck check =
        new ConfigLoader()
            .check(
                config(TWILIO.replace("https://firebreak.example.com", url), "sms:+447700900123"));

    assertThat(check.problems())
        .extracting(ConfigProblem::path)
        .containsExactly("providers.twilio.publicUrl");
  }
}
