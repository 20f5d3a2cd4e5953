package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.incident.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertChannelRoutingTest {

  private static final String CONFIG =
      """
      organisation: Test
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      services:
        - name: recoup-backend
      providers:
        slack: { channel: "#incidents" }
      alerts:
        channels: { P0: "#alerts-critical", P2: "#alerts-warning" }
      """;

  private final IncidentPolicyFactory policies =
      new IncidentPolicyFactory(new ConfigLoader().load(CONFIG), false);

  @ParameterizedTest(name = "{0} alert -> {1}")
  @CsvSource({"P0, #alerts-critical", "P2, #alerts-warning", "P1, #incidents", "P3, #incidents"})
  void anAlertsIncidentTalksInTheChannelItsSeverityRoutesToOrTheMainOne(
      Severity severity, String channel) {
    assertThat(policies.forAlert("recoup-backend", severity).channel()).isEqualTo(channel);
  }

  @Test
  void declarationsOtherThanAlertsKeepTheMainChannel() {
    assertThat(policies.forService("recoup-backend").channel()).isEqualTo("#incidents");
  }

  @Test
  void withoutRoutingAnAlertsIncidentTalksInTheMainChannel() {
    IncidentPolicyFactory unrouted =
        new IncidentPolicyFactory(
            new ConfigLoader()
                .load(
                    CONFIG.replace(
                        "  channels: { P0: \"#alerts-critical\", P2: \"#alerts-warning\" }\n", "")),
            false);

    assertThat(unrouted.forAlert("recoup-backend", Severity.P0).channel()).isEqualTo("#incidents");
  }
}
