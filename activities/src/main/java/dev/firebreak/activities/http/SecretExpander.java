package dev.firebreak.activities.http;

import dev.firebreak.workflows.action.ActionNotSent;
import dev.firebreak.workflows.common.EnvReferences;
import io.temporal.failure.ApplicationFailure;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Replaces {@code ${ENV_VAR}} references with the variable's value. Configuration holds only the
 * references, and activities expand them at the last moment, so secrets never reach workflow
 * history or logs.
 */
public final class SecretExpander {

  public static final String MISSING_VARIABLE = ActionNotSent.MISSING_VARIABLE;

  private final Function<String, String> environment;

  /**
   * @param environment looks a variable up by name, null when it is not set ({@code
   *     System::getenv})
   */
  public SecretExpander(Function<String, String> environment) {
    this.environment = environment;
  }

  public static SecretExpander fromSystemEnvironment() {
    return new SecretExpander(System::getenv);
  }

  /**
   * Expands every reference in the text. An unset variable is a permanent failure naming the
   * variable (never a value): retrying cannot set it, an operator has to.
   */
  public String expand(String text) {
    return EnvReferences.expand(
        text,
        name -> {
          String value = environment.apply(name);
          if (value == null) {
            throw ApplicationFailure.newNonRetryableFailure(
                "environment variable "
                    + name
                    + " is not set (referenced as "
                    + EnvReferences.reference(name)
                    + ")",
                MISSING_VARIABLE);
          }
          return value;
        });
  }

  /** The variables the texts reference that are not set here, each once. */
  public List<String> unsetIn(Collection<String> texts) {
    return referencedIn(texts).filter(name -> environment.apply(name) == null).toList();
  }

  /** The values of the set variables the texts reference: what a response must not echo back. */
  public List<String> valuesIn(Collection<String> texts) {
    return referencedIn(texts).map(environment).filter(Objects::nonNull).toList();
  }

  private static Stream<String> referencedIn(Collection<String> texts) {
    return texts.stream().flatMap(text -> EnvReferences.variablesIn(text).stream()).distinct();
  }

  /** Expands every value of the map, keeping its order. */
  public Map<String, String> expandValues(Map<String, String> values) {
    Map<String, String> expanded = new LinkedHashMap<>();
    if (values != null) {
      values.forEach((key, value) -> expanded.put(key, expand(value)));
    }
    return expanded;
  }
}
