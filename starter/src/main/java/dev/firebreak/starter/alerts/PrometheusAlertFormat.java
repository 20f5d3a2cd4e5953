package dev.firebreak.starter.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.starter.service.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook (version 4) and Grafana's, which extends it: a group of alerts, each with
 * labels, annotations, a status and a fingerprint. Grafana adds the query results the rule
 * evaluated as {@code values}, which thresholds compare. The title is the {@code alertname} label
 * (stable across deliveries); the summary and description annotations are the detail.
 */
final class PrometheusAlertFormat implements AlertFormat {

  private final AlertSource source;

  PrometheusAlertFormat(AlertSource source) {
    this.source = source;
  }

  @Override
  public List<ReceivedAlert> read(JsonNode body) {
    JsonNode alerts = body.get("alerts");
    if (alerts == null || !alerts.isArray() || alerts.isEmpty()) {
      throw Refusal.badRequest("Field 'alerts' must be a non-empty list of alerts.");
    }
    List<ReceivedAlert> read = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      read.add(alert(alerts.get(i), "alerts[" + i + "].", body));
    }
    return read;
  }

  private ReceivedAlert alert(JsonNode alert, String path, JsonNode body) {
    if (!alert.isObject()) {
      throw Refusal.badRequest(
          "Field '" + path.substring(0, path.length() - 1) + "' must be an alert object.");
    }
    boolean firing = AlertJson.firing(AlertJson.requiredText(alert, "status", path), path);
    Map<String, String> labels = AlertJson.strings(alert, "labels", path);
    Map<String, String> annotations = AlertJson.strings(alert, "annotations", path);
    String title = labels.getOrDefault("alertname", annotations.get("summary"));
    if (title == null || title.isBlank()) {
      title = source == AlertSource.GRAFANA ? AlertJson.text(body, "title", "") : null;
    }
    if (title == null) {
      throw Refusal.badRequest(
          "Field '" + path + "labels.alertname' is required: it names the alert.");
    }
    String fingerprint = AlertJson.text(alert, "fingerprint", path);
    Map<String, Double> values = new LinkedHashMap<>(AlertJson.numbersIn(labels));
    values.putAll(AlertJson.numbersIn(annotations));
    values.putAll(grafanaValues(alert, path));
    return new ReceivedAlert(
        source,
        fingerprint != null ? fingerprint : AlertJson.fingerprintOf(labels),
        firing,
        title,
        detail(annotations),
        labels,
        values,
        AlertJson.excerpt(alert));
  }

  private static String detail(Map<String, String> annotations) {
    String summary = annotations.get("summary");
    String description = annotations.get("description");
    if (summary == null || description == null || summary.equals(description)) {
      return summary != null ? summary : description;
    }
    return summary + ": " + description;
  }

  private static Map<String, Double> grafanaValues(JsonNode alert, String path) {
    JsonNode values = alert.get("values");
    if (values == null || values.isNull()) {
      return Map.of();
    }
    if (!values.isObject()) {
      throw Refusal.badRequest("Field '" + path + "values' must be an object of numbers.");
    }
    Map<String, Double> numbers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> value : values.properties()) {
      if (!value.getValue().isNumber()) {
        throw Refusal.badRequest(
            "Field '" + path + "values." + value.getKey() + "' must be a number.");
      }
      numbers.put(value.getKey(), value.getValue().asDouble());
    }
    return numbers;
  }
}
