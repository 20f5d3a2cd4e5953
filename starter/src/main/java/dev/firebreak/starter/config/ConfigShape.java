package dev.firebreak.starter.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks the YAML tree against the config records before binding, so that every unknown key and
 * every wrongly shaped value is reported with its path (Jackson would stop at the first). What it
 * reports it also drops, so the rest of the file can still be bound and validated.
 */
final class ConfigShape {

  private final List<ConfigProblem> problems;

  ConfigShape(List<ConfigProblem> problems) {
    this.problems = problems;
  }

  /** The node with every reported part removed; null when the node itself is unusable. */
  JsonNode prune(JsonNode node, Type type, String path) {
    if (node == null || node.isNull()) {
      return node;
    }
    Class<?> raw = raw(type);
    if (raw.isRecord()) {
      return pruneRecord(node, raw, path);
    }
    if (List.class.isAssignableFrom(raw)) {
      return pruneList(node, argument(type, 0), path);
    }
    if (Map.class.isAssignableFrom(raw)) {
      return pruneMap(node, argument(type, 1), path);
    }
    return pruneScalar(node, raw, path);
  }

  private JsonNode pruneRecord(JsonNode node, Class<?> record, String path) {
    if (!node.isObject()) {
      return reject(path, "must be a mapping of keys to values");
    }
    Map<String, RecordComponent> components =
        Arrays.stream(record.getRecordComponents())
            .collect(Collectors.toMap(RecordComponent::getName, c -> c));
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    node.properties()
        .forEach(
            field -> {
              String childPath = child(path, field.getKey());
              RecordComponent component = components.get(field.getKey());
              if (component == null) {
                reject(
                    childPath,
                    "unknown key (known: "
                        + String.join(", ", components.keySet().stream().sorted().toList())
                        + ")");
                return;
              }
              JsonNode child = prune(field.getValue(), component.getGenericType(), childPath);
              if (child != null) {
                kept.set(field.getKey(), child);
              }
            });
    return kept;
  }

  private JsonNode pruneList(JsonNode node, Type element, String path) {
    if (!node.isArray()) {
      return reject(path, "must be a list");
    }
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < node.size(); i++) {
      String elementPath = path + "[" + i + "]";
      JsonNode child =
          node.get(i).isNull()
              ? reject(elementPath, "must not be empty")
              : prune(node.get(i), element, elementPath);
      // A dropped element would shift the indexes of later problems, so keep a null in its place.
      kept.add(child);
    }
    return kept;
  }

  private JsonNode pruneMap(JsonNode node, Type value, String path) {
    if (!node.isObject()) {
      return reject(path, "must be a mapping of keys to values");
    }
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    node.properties()
        .forEach(
            field -> {
              String childPath = child(path, field.getKey());
              JsonNode child =
                  field.getValue().isNull()
                      ? reject(childPath, "must not be empty")
                      : prune(field.getValue(), value, childPath);
              if (child != null) {
                kept.set(field.getKey(), child);
              }
            });
    return kept;
  }

  private JsonNode pruneScalar(JsonNode node, Class<?> type, String path) {
    if (type == Boolean.class || type == boolean.class) {
      return node.isBoolean() ? node : reject(path, "must be true or false");
    }
    if (type == Integer.class || type == int.class) {
      return node.canConvertToInt() && node.isIntegralNumber()
          ? node
          : reject(path, "must be a whole number");
    }
    if (type == Double.class || type == double.class) {
      return node.isNumber() ? node : reject(path, "must be a number");
    }
    return node.isValueNode()
        ? node
        : reject(path, "must be a single value, not a list or mapping");
  }

  private JsonNode reject(String path, String message) {
    problems.add(new ConfigProblem(path, message));
    return null;
  }

  /**
   * An unmodifiable copy that keeps the nulls {@link #prune} leaves in place of dropped elements.
   */
  static <T> List<T> listOf(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static Class<?> raw(Type type) {
    return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
  }

  static Type argument(Type type, int index) {
    return ((ParameterizedType) type).getActualTypeArguments()[index];
  }
}
