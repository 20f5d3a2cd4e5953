package dev.firebreak.starter.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.starter.service.Refusal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Firebreak's own shape for senders without a webhook format of their own (a script, a cron job):
 *
 * <pre>{"title": "Checkout error rate high", "service": "recoup-backend", "severity": "P1",
 *  "status": "firing", "fingerprint": "checkout-5xx", "description": "...", "value": 7.2,
 *  "labels": {"team": "payments"}}</pre>
 *
 * Only {@code title} is required; {@code status} defaults to firing; without a fingerprint the
 * title and labels are one. Unknown fields are refused so a typo cannot silently change routing.
 */
final class GenericAlertFormat implements AlertFormat {

  private static final Set<String> FIELDS =
      Set.of(
          "title",
          "fingerprint",
          "status",
          "service",
          "severity",
          "description",
          "labels",
          "value",
          "values");

  @Override
  public List<ReceivedAlert> read(JsonNode body) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw Refusal.badRequest(
            "Unknown field '"
                + name
                + "' (known: "
                + String.join(", ", new TreeSet<>(FIELDS))
                + ").");
      }
    }
    String title = AlertJson.requiredText(body, "title", "");
    String status = AlertJson.text(body, "status", "");
    boolean firing = status == null || AlertJson.firing(status, "");
    Map<String, String> labels = new LinkedHashMap<>(AlertJson.strings(body, "labels", ""));
    for (String field : List.of("service", "severity")) {
      String value = AlertJson.text(body, field, "");
      if (value != null) {
        labels.put(field, value);
      }
    }
    Map<String, Double> values = new LinkedHashMap<>(AlertJson.numbersIn(labels));
    JsonNode value = body.get("value");
    if (value != null && !value.isNull()) {
      if (!value.isNumber()) {
        throw Refusal.badRequest("Field 'value' must be a number.");
      }
      values.put("value", value.asDouble());
    }
    for (Map.Entry<String, String> named : AlertJson.strings(body, "values", "").entrySet()) {
      Double number =
          AlertJson.numbersIn(Map.of(named.getKey(), named.getValue())).get(named.getKey());
      if (number == null) {
        throw Refusal.badRequest("Field 'values." + named.getKey() + "' must be a number.");
      }
      values.put(named.getKey(), number);
    }
    String fingerprint = AlertJson.text(body, "fingerprint", "");
    if (fingerprint == null) {
      Map<String, String> identity = new LinkedHashMap<>(labels);
      identity.put("title", title);
      fingerprint = AlertJson.fingerprintOf(identity);
    }
    return List.of(
        new ReceivedAlert(
            AlertSource.GENERIC,
            fingerprint,
            firing,
            title,
            AlertJson.text(body, "description", ""),
            labels,
            values,
            AlertJson.excerpt(body)));
  }
}
