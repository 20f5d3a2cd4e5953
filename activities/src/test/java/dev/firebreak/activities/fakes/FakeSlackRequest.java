package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/** One Web API call the fake received: the method and its decoded form fields. */
public record FakeSlackRequest(String method, Map<String, String> form) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public FakeSlackRequest {
    form = Map.copyOf(form);
  }

  public String field(String name) {
    return form.get(name);
  }

  /**
   * A field Slack takes as a JSON string ({@code blocks}, {@code metadata}), decoded; null when
   * absent.
   */
  public JsonNode json(String name) {
    String value = form.get(name);
    if (value == null) {
      return null;
    }
    try {
      return JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
