package dev.firebreak.starter.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.workflows.common.Clip;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the alert formats read vendor JSON: fields named by their path when missing or mistyped. */
final class AlertJson {

  /** The latest payload lives in the incident's history, so only an excerpt is kept. */
  static final int PAYLOAD_EXCERPT = 1000;

  // "7.2", "7.2%", "-1e3": a threshold compares the leading number of a label or annotation.
  private static final Pattern NUMBER =
      Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\s*%?\\s*$");

  private AlertJson() {}

  static JsonNode requiredObject(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw Refusal.badRequest("Field '" + path + field + "' must be a JSON object.");
    }
    return value;
  }

  static String requiredText(JsonNode node, String field, String path) {
    String value = text(node, field, path);
    if (value == null) {
      throw Refusal.badRequest("Field '" + path + field + "' is required.");
    }
    return value;
  }

  /** The field's text; null when absent, null or blank; refused when it is not a string. */
  static String text(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw Refusal.badRequest("Field '" + path + field + "' must be a string.");
    }
    return value.asText().isBlank() ? null : value.asText().strip();
  }

  /** A map of strings (labels, annotations); absent is empty. */
  static Map<String, String> strings(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw Refusal.badRequest("Field '" + path + field + "' must be an object of strings.");
    }
    Map<String, String> strings = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (!entry.getValue().isValueNode()) {
        throw Refusal.badRequest(
            "Field '" + path + field + "." + entry.getKey() + "' must be a string.");
      }
      strings.put(entry.getKey(), entry.getValue().asText());
    }
    return strings;
  }

  /** Every entry that reads as a number, under its name. */
  static Map<String, Double> numbersIn(Map<String, String> strings) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    strings.forEach(
        (name, text) -> {
          Matcher number = NUMBER.matcher(text);
          if (number.matches()) {
            numbers.put(name, Double.parseDouble(number.group(1)));
          }
        });
    return numbers;
  }

  /**
   * Identifies an alert by its labels when the sender gives no fingerprint, as Alertmanager does.
   */
  static String fingerprintOf(Map<String, String> labels) {
    return AlertKey.sha256Hex(new TreeMap<>(labels).toString()).substring(0, 16);
  }

  static String excerpt(JsonNode node) {
    return Clip.of(node.toString(), PAYLOAD_EXCERPT);
  }

  /** Alertmanager and Grafana say {@code firing} or {@code resolved}; anything else is refused. */
  static boolean firing(String status, String path) {
    if ("firing".equals(status)) {
      return true;
    }
    if ("resolved".equals(status)) {
      return false;
    }
    throw Refusal.badRequest(
        "Field '" + path + "status' must be 'firing' or 'resolved', not '" + status + "'.");
  }
}
