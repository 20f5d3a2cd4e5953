package dev.firebreak.starter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads request bodies strictly (malformed JSON, unknown fields, wrong types and oversized text are
 * 400s with the field named) and owns the API's JSON settings (ISO instants).
 */
final class JsonBodies {

  /** No free-text field may exceed this: it bounds the workflow payloads a caller can create. */
  static final int MAX_TEXT = 4000;

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private final ObjectMapper json;

  JsonBodies(ObjectMapper json) {
    this.json = json;
  }

  /** The body as a JSON object; an empty body is an empty object. */
  ObjectNode object(String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiError.badRequest("The body must be a JSON object.");
    }
    checkLengths(object, "");
    return object;
  }

  <T> T read(ObjectNode body, Class<T> type) {
    try {
      return json.treeToValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
      throw ApiError.badRequest("Unknown field '" + e.getPropertyName() + "' (known: " + known + ").");
    } catch (InvalidFormatException e) {
      throw ApiError.badRequest("Field '" + field(e) + "' has an invalid value '" + e.getValue() + "'.");
    } catch (MismatchedInputException e) {
      throw ApiError.badRequest("Field '" + field(e) + "' has the wrong type.");
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("The body could not be read: " + e.getOriginalMessage());
    }
  }

  private static String field(MismatchedInputException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static void checkLengths(JsonNode node, String path) {
    if (node.isTextual() && node.textValue().length() > MAX_TEXT) {
      throw ApiError.badRequest("Field '" + path + "' is longer than " + MAX_TEXT + " characters.");
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkLengths(node.get(i), path + "[" + i + "]");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      checkLengths(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
    }
  }
}
