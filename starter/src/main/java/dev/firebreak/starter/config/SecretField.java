package dev.firebreak.starter.config;

import dev.firebreak.workflows.common.EnvReferences;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Secret} field of the config with its value as written, found by walking the records so a
 * new provider's secrets are checked without touching the validator.
 */
public record SecretField(String path, String value) {

  /** The environment variable the value names, when it is a {@code ${ENV}} reference. */
  public Optional<String> variable() {
    return EnvReferences.variableOf(value);
  }

  static List<SecretField> in(FirebreakConfig config) {
    List<SecretField> found = new ArrayList<>();
    collect(config, "", found);
    return found;
  }

  private static void collect(Object node, String path, List<SecretField> found) {
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collect(list.get(i), path + "[" + i + "]", found);
      }
    } else if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> collect(value, ConfigShape.child(path, String.valueOf(key)), found));
    } else if (node != null && node.getClass().isRecord()) {
      for (RecordComponent component : node.getClass().getRecordComponents()) {
        Object value = read(component, node);
        String childPath = ConfigShape.child(path, component.getName());
        if (component.isAnnotationPresent(Secret.class)) {
          if (value instanceof List<?> list) {
            // A list of secrets (rotation): each entry is a reference of its own.
            for (int i = 0; i < list.size(); i++) {
              if (list.get(i) != null) {
                found.add(new SecretField(childPath + "[" + i + "]", list.get(i).toString()));
              }
            }
          } else if (value != null) {
            found.add(new SecretField(childPath, value.toString()));
          }
        } else {
          collect(value, childPath, found);
        }
      }
    }
  }

  private static Object read(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read config field " + component.getName(), e);
    }
  }
}
