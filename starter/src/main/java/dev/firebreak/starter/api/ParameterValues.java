package dev.firebreak.starter.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.starter.service.Refusal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code parameters} of a request body (an action run's, a job run's) as the text the workflows
 * check: an integer parameter may be sent as a JSON number, and a null is as good as left out.
 */
final class ParameterValues {

  private ParameterValues() {}

  static Map<String, String> of(Map<String, JsonNode> parameters) {
    Map<String, String> values = new LinkedHashMap<>();
    if (parameters == null) {
      return values;
    }
    parameters.forEach(
        (name, value) -> {
          if (value == null || value.isNull()) {
            return;
          }
          if (!value.isTextual() && !value.isIntegralNumber()) {
            throw Refusal.badRequest("Parameter '" + name + "' must be text or a whole number.");
          }
          values.put(name, value.asText());
        });
    return values;
  }
}
