package dev.firebreak.starter.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.service.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertFormatsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode example(String name) {
    try (InputStream in = AlertFormatsTest.class.getResourceAsStream("/alerts/" + name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<ReceivedAlert> read(JsonNode body) {
    return AlertSource.detect(body, null).format().read(body);
  }

  @Test
  void alertmanagerExampleIsOneFiringAlertNamedByItsAlertnameWithItsOwnFingerprint() {
    JsonNode body = example("alertmanager-firing.json");

    ReceivedAlert alert = read(body).get(0);

    assertThat(AlertSource.detect(body, null)).isEqualTo(AlertSource.ALERTMANAGER);
    assertThat(alert.firing()).isTrue();
    assertThat(alert.title()).isEqualTo("ProbeFailure");
    assertThat(alert.fingerprint()).isEqualTo("1a30ba71cca2921f");
    assertThat(alert.labels())
        .containsEntry("severity", "critical")
        .containsEntry("service", "recoup-backend");
    assertThat(alert.detail()).startsWith("BlackBox Probe Failure").contains("down for over 5m");
    assertThat(alert.payload()).contains("\"fingerprint\":\"1a30ba71cca2921f\"");
  }

  @Test
  void alertmanagerResolvedExampleIsNotFiring() {
    assertThat(read(example("alertmanager-resolved.json")).get(0).firing()).isFalse();
  }

  @Test
  void grafanaExampleIsTwoAlertsWithTheValuesTheRuleEvaluated() {
    JsonNode body = example("grafana-firing.json");

    List<ReceivedAlert> alerts = read(body);

    assertThat(AlertSource.detect(body, null)).isEqualTo(AlertSource.GRAFANA);
    assertThat(alerts)
        .extracting(ReceivedAlert::title)
        .containsExactly("High memory usage", "High CPU usage");
    assertThat(alerts)
        .extracting(ReceivedAlert::fingerprint)
        .containsExactly("c6eadffa33fcdf37", "bc97ff14869b13e3");
    assertThat(alerts.get(0).values()).containsEntry("B", 44.23943737541908);
    assertThat(alerts.get(0).source()).isEqualTo(AlertSource.GRAFANA);
  }

  @Test
  void sentryIssueAlertIsKeyedByItsIssueAndCarriesTagsAndRuleAsLabels() {
    JsonNode body = example("sentry-issue-alert.json");

    ReceivedAlert alert = read(body).get(0);

    assertThat(AlertSource.detect(body, null)).isEqualTo(AlertSource.SENTRY);
    assertThat(alert.fingerprint()).isEqualTo("sentry-issue-1117540176");
    assertThat(alert.title()).isEqualTo("ReferenceError: heck is not defined");
    assertThat(alert.labels())
        .containsEntry("level", "error")
        .containsEntry("rule", "Very Important Alert Rule!")
        .containsEntry("browser.name", "Chrome")
        .containsEntry("project", "1");
    assertThat(alert.detail()).contains("Very Important Alert Rule!").contains("issues/1117540176");
    assertThat(alert.payload()).doesNotContain("stacktrace");
  }

  @Test
  void genericShapeReadsServiceSeverityAndValue() {
    ReceivedAlert alert = read(example("generic-firing.json")).get(0);

    assertThat(alert.source()).isEqualTo(AlertSource.GENERIC);
    assertThat(alert.fingerprint()).isEqualTo("checkout-error-rate");
    assertThat(alert.labels())
        .containsEntry("service", "recoup-backend")
        .containsEntry("team", "payments");
    assertThat(alert.values()).containsEntry("value", 7.2);
  }

  @Test
  void genericAlertWithoutFingerprintIsIdentifiedByTitleAndLabels() throws IOException {
    JsonNode one = JSON.readTree("{\"title\": \"Disk full\", \"labels\": {\"host\": \"a\"}}");
    JsonNode again =
        JSON.readTree(
            "{\"labels\": {\"host\": \"a\"}, \"title\": \"Disk full\", \"status\": \"resolved\"}");
    JsonNode other = JSON.readTree("{\"title\": \"Disk full\", \"labels\": {\"host\": \"b\"}}");

    assertThat(read(one).get(0).fingerprint())
        .isEqualTo(read(again).get(0).fingerprint())
        .isNotEqualTo(read(other).get(0).fingerprint());
  }

  @Test
  void sourceParameterOverridesDetectionAndUnknownSourcesAreRefused() {
    assertThat(AlertSource.named("Grafana")).isEqualTo(AlertSource.GRAFANA);
    assertThatThrownBy(() -> AlertSource.named("nagios"))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("Unknown source 'nagios'")
        .hasMessageContaining("alertmanager, grafana, sentry, generic");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "alerts missing from a group    | {\"version\": \"4\", \"alerts\": []}                                          | 'alerts' must be a non-empty list",
        "alert that is not an object     | {\"version\": \"4\", \"alerts\": [\"boom\"]}                                 | 'alerts[0]' must be an alert object",
        "unknown status                  | {\"version\": \"4\", \"alerts\": [{\"status\": \"pending\", \"labels\": {\"alertname\": \"A\"}}]} | 'alerts[0].status' must be 'firing' or 'resolved'",
        "labels that are not an object   | {\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": [1]}]} | 'alerts[0].labels' must be an object",
        "alert without a name            | {\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": {\"job\": \"x\"}}]} | 'alerts[0].labels.alertname' is required",
        "grafana value that is text      | {\"orgId\": 1, \"alerts\": [{\"status\": \"firing\", \"labels\": {\"alertname\": \"A\"}, \"values\": {\"B\": \"high\"}}]} | 'alerts[0].values.B' must be a number",
        "sentry action other than alert  | {\"action\": \"resolved\", \"data\": {\"event\": {}}}                         | 'action' must be 'triggered'",
        "sentry event without issue      | {\"action\": \"triggered\", \"data\": {\"event\": {\"title\": \"E\"}}}       | 'data.event.issue_id' is required",
        "generic without title           | {\"service\": \"recoup-backend\"}                                             | 'title' is required",
        "generic with a misspelt field   | {\"title\": \"T\", \"sevrity\": \"P1\"}                                       | Unknown field 'sevrity'",
        "generic value that is text      | {\"title\": \"T\", \"value\": \"7%\"}                                         | 'value' must be a number",
      })
  void malformedAlertsAreRefusedNamingTheField(String variant, String body, String message)
      throws IOException {
    JsonNode tree = JSON.readTree(body);

    assertThatThrownBy(() -> read(tree))
        .isInstanceOfSatisfying(
            Refusal.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains(message);
            });
  }
}
