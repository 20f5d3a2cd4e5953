package dev.firebreak.starter.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.workflows.incident.Severity;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlertRulesTest {

  static final String CONFIG =
      """
      organisation: Test
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      services:
        - name: recoup-backend
        - name: talk-to-my-lawyer
      alerts:
        secret: ${ALERT_SECRET}
        sentryClientSecret: ${SENTRY_CLIENT_SECRET}
        channels: { P1: "#alerts-critical", P2: "#alerts-warning" }
        rules:
          - { match: {alertname: HighErrorRate}, above: {error_rate: 5}, service: recoup-backend, severity: P1, autoResolve: true }
          - { match: {alertname: HighErrorRate}, service: recoup-backend, severity: P2 }
          - { source: grafana, above: {B: 5}, service: recoup-backend, severity: P1 }
          - { source: sentry, service: talk-to-my-lawyer, severity: P2 }
      """;

  private final AlertRules rules = new AlertRules(new ConfigLoader().load(CONFIG));

  private static ReceivedAlert alert(
      AlertSource source, Map<String, String> labels, Map<String, Double> values) {
    return new ReceivedAlert(source, "fp", true, "A", null, labels, values, "{}");
  }

  @Test
  void errorRateAboveFivePercentIsP1AndResolvesItselfWhileBelowItIsP2() {
    AlertRules.Routing high =
        rules.route(
            alert(
                AlertSource.ALERTMANAGER,
                Map.of("alertname", "HighErrorRate"),
                Map.of("error_rate", 7.2)));
    AlertRules.Routing low =
        rules.route(
            alert(
                AlertSource.ALERTMANAGER,
                Map.of("alertname", "HighErrorRate"),
                Map.of("error_rate", 3.0)));

    assertThat(high).isEqualTo(new AlertRules.Routing("recoup-backend", Severity.P1, true));
    assertThat(low).isEqualTo(new AlertRules.Routing("recoup-backend", Severity.P2, false));
  }

  static Stream<Map<String, Double>> resolvedValues() {
    return Stream.of(Map.of("error_rate", 0.4), Map.of("error_rate", 7.2), Map.of());
  }

  @ParameterizedTest
  @MethodSource("resolvedValues")
  void aResolvedAlertResolvesUnderItsFiringsRuleWhateverValueItCarries(Map<String, Double> values) {
    AlertRules.Routing firing =
        rules.route(
            alert(
                AlertSource.ALERTMANAGER,
                Map.of("alertname", "HighErrorRate"),
                Map.of("error_rate", 7.2)));
    AlertRules.Routing resolved =
        rules.route(
            new ReceivedAlert(
                AlertSource.ALERTMANAGER,
                "fp",
                false,
                "A",
                null,
                Map.of("alertname", "HighErrorRate"),
                values,
                "{}"));

    assertThat(resolved.autoResolve()).isTrue();
    assertThat(resolved.service()).isEqualTo(firing.service());
  }

  @ParameterizedTest
  @MethodSource("resolvedValues")
  void aResolvedGrafanaAlertFindsItsServiceWithoutTheValueThatRoutedItsFiring(
      Map<String, Double> values) {
    Map<String, Double> grafanaValues =
        values.isEmpty() ? values : Map.of("B", values.get("error_rate"));

    AlertRules.Routing resolved =
        rules.route(
            new ReceivedAlert(
                AlertSource.GRAFANA, "fp", false, "A", null, Map.of(), grafanaValues, "{}"));

    assertThat(resolved.service()).isEqualTo("recoup-backend");
  }

  @Test
  void grafanaExampleMapsItsHighValueToP1AndTheOtherByItsLabelsAlone() {
    List<ReceivedAlert> grafana =
        AlertSource.GRAFANA.format().read(AlertFormatsTest.example("grafana-firing.json"));

    assertThat(rules.route(grafana.get(0)).severity()).isEqualTo(Severity.P1);
    assertThatThrownBy(() -> rules.route(grafana.get(1)))
        .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.status()).isEqualTo(422));
  }

  @Test
  void withoutARuleTheAlertsOwnServiceAndSeverityLabelsDecide() {
    AlertRules.Routing routing =
        rules.route(
            alert(
                AlertSource.ALERTMANAGER,
                Map.of(
                    "alertname",
                    "ProbeFailure",
                    "service",
                    "talk-to-my-lawyer",
                    "severity",
                    "critical"),
                Map.of()));

    assertThat(routing).isEqualTo(new AlertRules.Routing("talk-to-my-lawyer", Severity.P1, false));
  }

  @Test
  void anAlertForAnUnknownServiceIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(
            () -> rules.route(alert(AlertSource.GENERIC, Map.of("service", "billing"), Map.of())))
        .isInstanceOfSatisfying(
            Refusal.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.getMessage())
                  .contains("'billing'")
                  .contains("recoup-backend, talk-to-my-lawyer");
            });
  }

  @Test
  void configReportsUnknownSendersSeveritiesAndServicesInRules() {
    var check =
        new ConfigLoader()
            .check(
                CONFIG.replace(
                    "source: sentry, service: talk-to-my-lawyer, severity: P2",
                    "source: nagios, service: billing, severity: P9"));

    assertThat(check.problems())
        .extracting(p -> p.path())
        .contains("alerts.rules[3].source", "alerts.rules[3].service", "alerts.rules[3].severity");
  }

  static final String THRESHOLDS =
      """
      organisation: Test
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      services:
        - name: recoup-backend
      alerts:
        defaultService: recoup-backend
        rules:
          - { match: {alertname: T}, %s: {v: 5}, severity: P0 }
      """;

  static Stream<Arguments> thresholdCrossings() {
    return Stream.of(
        Arguments.of("above", Map.of("v", 7.0), Severity.P0),
        Arguments.of("above", Map.of("v", 5.0), Severity.P3),
        Arguments.of("above", Map.of("v", 3.0), Severity.P3),
        Arguments.of("above", Map.of(), Severity.P3),
        Arguments.of("below", Map.of("v", 3.0), Severity.P0),
        Arguments.of("below", Map.of("v", 5.0), Severity.P3),
        Arguments.of("below", Map.of("v", 7.0), Severity.P3),
        Arguments.of("below", Map.of(), Severity.P3));
  }

  @ParameterizedTest(name = "{0} 5 with {1} gives {2}")
  @MethodSource("thresholdCrossings")
  void aRuleFiresOnlyOnAValueStrictlyBeyondItsThresholdAndNeverOnAMissingValue(
      String direction, Map<String, Double> values, Severity expected) {
    AlertRules thresholdRules =
        new AlertRules(new ConfigLoader().load(THRESHOLDS.formatted(direction)));

    assertThat(
            thresholdRules
                .route(alert(AlertSource.GENERIC, Map.of("alertname", "T"), values))
                .severity())
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "below {0}, above 5")
  @ValueSource(strings = {"5", "3"})
  void configRefusesARuleWhoseBelowIsNotGreaterThanItsAboveBecauseItCanNeverFire(String below) {
    var check =
        new ConfigLoader()
            .check(THRESHOLDS.replace("%s: {v: 5}", "above: {v: 5}, below: {v: " + below + "}"));

    assertThat(check.problems()).extracting(p -> p.path()).contains("alerts.rules[0].below.v");
  }

  @Test
  void configAcceptsABandBetweenAboveAndBelow() {
    var check =
        new ConfigLoader().check(THRESHOLDS.replace("%s: {v: 5}", "above: {v: 5}, below: {v: 9}"));

    assertThat(check.problems()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"above", "below"})
  void configRefusesAThresholdThatIsNotANumber(String direction) {
    var check =
        new ConfigLoader().check(THRESHOLDS.replace("%s: {v: 5}", direction + ": {v: lots}"));

    assertThat(check.problems()).isNotEmpty();
  }

  @Test
  void configReportsSeverityChannelsWithAnUnknownSeverityOrANameSlackRefuses() {
    var check =
        new ConfigLoader()
            .check(
                THRESHOLDS
                    .formatted("above")
                    .replace(
                        "  rules:\n",
                        "  channels: {P0: \"#alerts-critical\", P2: \"Alerts Warning\", P9: \"#x\"}\n"
                            + "  rules:\n"));

    assertThat(check.problems())
        .extracting(p -> p.path())
        .contains("alerts.channels.P2", "alerts.channels.P9")
        .doesNotContain("alerts.channels.P0");
  }
}
