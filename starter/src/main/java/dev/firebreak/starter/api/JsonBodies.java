package dev.firebreak.starter.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.workflows.oncall.OnCallPerson;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads request bodies strictly and owns the API's JSON settings (ISO instants). A body that is not
 * {@code application/json} is a 415; malformed JSON, duplicate or unknown fields, wrong types and
 * oversized text are 400s with the field named. Types are never guessed: {@code 1} is not the enum
 * constant P1, {@code 123} is not the text "123", {@code "true"} is not true, and an object where
 * text belongs is refused rather than dropped.
 */
final class JsonBodies {

  /** No free-text field may exceed this: it bounds the workflow payloads a caller can create. */
  static final int MAX_TEXT = 4000;

  /**
   * The API's mapper, also Javalin's for responses. Only Temporal's own data converter reads and
   * writes workflow payloads, so strictness here never changes what a workflow receives.
   */
  @JsonIgnoreProperties({"phone", "email"})
  private abstract static class ContactDetailsHidden {}

  static ObjectMapper mapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new StrictInstants())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // Anyone with a token may see who is on call; a dashboard's token has no business
            // with their phone number or address, which only paging needs.
            .addMixIn(OnCallPerson.class, ContactDetailsHidden.class)
            .build();
    // Scalars never stand in for one another: not a number or a boolean for text, nor text for
    // them.
    for (LogicalType type :
        new LogicalType[] {
          LogicalType.Textual,
          LogicalType.Enum,
          LogicalType.DateTime,
          LogicalType.Boolean,
          LogicalType.Integer,
          LogicalType.Float
        }) {
      mapper
          .coercionConfigFor(type)
          .setCoercion(
              CoercionInputShape.Integer,
              type == LogicalType.Integer ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(
              CoercionInputShape.Float,
              type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(
              CoercionInputShape.Boolean,
              type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    return mapper;
  }

  private final ObjectMapper json;

  JsonBodies(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The request's body as a JSON object; an empty body (whatever its content type) is an empty
   * object, so endpoints whose fields are all optional can be called without one.
   */
  ObjectNode object(Context ctx) {
    String body = ctx.body();
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    String type = ctx.contentType();
    if (!isJson(type)) {
      throw new Refusal(
          415,
          "unsupported_media_type",
          "Send the body as JSON with 'Content-Type: application/json'"
              + (type == null ? "" : ", not '" + type + "'")
              + ".");
    }
    return object(body);
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
      throw Refusal.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw Refusal.badRequest("The body must be a JSON object.");
    }
    checkLengths(object, "");
    return object;
  }

  /** The request's body as the record, read strictly. */
  <T> T read(Context ctx, Class<T> type) {
    return read(object(ctx), type);
  }

  <T> T read(ObjectNode body, Class<T> type) {
    try {
      return json.treeToValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", "));
      throw Refusal.badRequest("Unknown field '" + field(e) + "' (known: " + known + ").");
    } catch (InvalidFormatException e) {
      throw Refusal.badRequest(
          "Field '"
              + field(e)
              + "' has an invalid value '"
              + e.getValue()
              + "'"
              + expected(e.getTargetType()).map(what -> "; it must be " + what).orElse("")
              + ".");
    } catch (MismatchedInputException e) {
      throw Refusal.badRequest(
          "Field '"
              + field(e)
              + "' has the wrong type"
              + expected(e.getTargetType()).map(what -> ": it must be " + what).orElse("")
              + ".");
    } catch (JsonProcessingException e) {
      throw Refusal.badRequest("The body could not be read: " + e.getOriginalMessage());
    }
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json")
        || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
  }

  /** What a field of this type accepts, in the words of the JSON a caller writes. */
  private static java.util.Optional<String> expected(Class<?> type) {
    if (type == null) {
      return java.util.Optional.empty();
    }
    String what;
    if (type == String.class) {
      what = "a string";
    } else if (type == Boolean.class || type == boolean.class) {
      what = "true or false";
    } else if (type == Instant.class) {
      what = "an ISO-8601 instant such as 2026-12-06T04:30:00Z";
    } else if (type.isEnum()) {
      what =
          "one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(String::valueOf)
                  .collect(Collectors.joining(", "));
    } else if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      what = "a whole number";
    } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      what = "an array";
    } else if (type.isRecord() || Map.class.isAssignableFrom(type)) {
      what = "an object";
    } else {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(what);
  }

  private static String field(MismatchedInputException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return path.isEmpty() ? "(body)" : path;
  }

  private static void checkLengths(JsonNode node, String path) {
    if (node.isTextual() && node.textValue().length() > MAX_TEXT) {
      throw Refusal.badRequest("Field '" + path + "' is longer than " + MAX_TEXT + " characters.");
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkLengths(node.get(i), path + "[" + i + "]");
      }
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      checkLengths(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
    }
  }
}
