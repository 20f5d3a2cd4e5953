package dev.firebreak.starter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackSettingsTest {

  private static final FirebreakConfig CONFIG =
      new ConfigLoader()
          .load(
              """
      organisation: Test
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      services:
        - { name: api }
      providers:
        slack:
          signingSecret: ${SLACK_SIGNING_SECRET}
          botToken: ${SLACK_BOT_TOKEN}
      """);

  @Test
  void withoutSigningSecretOrAppTokenSlackIsOff() {
    assertThat(SlackSettings.from(CONFIG, Map.of("SLACK_BOT_TOKEN", "xoxb-1")::get)).isEmpty();
  }

  @Test
  void anAppTokenAloneServesSlackOverSocketModeWithNothingToVerify() {
    SlackSettings settings =
        SlackSettings.from(CONFIG, Map.of("SLACK_APP_TOKEN", "xapp-1-A1-1-secret")::get)
            .orElseThrow();

    assertThat(settings.appToken()).isEqualTo("xapp-1-A1-1-secret");
    assertThat(settings.signingSecret()).isNull();
    assertThat(settings.toString()).doesNotContain("xapp-1-A1-1-secret").contains("appToken=set");
  }

  @Test
  void aSigningSecretAloneServesTheHttpEndpoints() {
    SlackSettings settings =
        SlackSettings.from(CONFIG, Map.of("SLACK_SIGNING_SECRET", "s3cret")::get).orElseThrow();

    assertThat(settings.signingSecret()).isEqualTo("s3cret");
    assertThat(settings.appToken()).isNull();
    assertThat(settings.apiUrl()).isEqualTo(SlackSettings.DEFAULT_API_URL);
  }
}
