package dev.firebreak.workflows.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one definition of the {@code ${ENV_VAR}} syntax that firebreak.yaml uses for secrets and
 * addresses. The config validator, the config loader and the activities that expand secrets at the
 * last moment all read references through here, so they can never disagree on what one is.
 */
public final class EnvReferences {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private EnvReferences() {}

  /** The variable named when the whole text is one reference ({@code ${SLACK_BOT_TOKEN}}). */
  public static Optional<String> variableOf(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = REFERENCE.matcher(text.trim());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * Replaces every reference in the text with what {@code valueOf} returns for its variable name;
   * {@code valueOf} decides what an unknown variable means (keep it, or refuse).
   */
  public static String expand(String text, UnaryOperator<String> valueOf) {
    if (text == null) {
      return null;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(valueOf.apply(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The variables the text references, each once, in order of first mention. */
  public static List<String> variablesIn(String text) {
    List<String> names = new ArrayList<>();
    if (text != null) {
      Matcher m = REFERENCE.matcher(text);
      while (m.find()) {
        if (!names.contains(m.group(1))) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  public static String reference(String variable) {
    return "${" + variable + "}";
  }
}
