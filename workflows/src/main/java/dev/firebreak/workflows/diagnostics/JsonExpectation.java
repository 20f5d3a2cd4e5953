package dev.firebreak.workflows.diagnostics;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line a probe expects of a JSON answer: {@code <JSONPath> <operator> <JSON value>}, such as
 * {@code $.checks.database.status == "pass"} or {@code $.latency < 500}. The path is a JSONPath
 * written without spaces; the value is a JSON string, number, boolean or null; {@code <}, {@code
 * <=}, {@code >} and {@code >=} compare numbers only.
 *
 * @param expected the value as written (a JSON literal, quotes included for a string)
 */
public record JsonExpectation(String path, String operator, String expected) {

  public static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "<", ">");

  private static final Pattern FORM =
      Pattern.compile("\\s*(\\$\\S*)\\s+(==|!=|<=|>=|<|>)\\s+(.+?)\\s*");
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]|\\\\.)*\"");

  /** The expectation the text says, or empty when it is not one (see {@link #problem}). */
  public static Optional<JsonExpectation> parse(String text) {
    return problem(text).isPresent() ? Optional.empty() : Optional.of(read(text));
  }

  /**
   * Why the text is not an expectation, in a sentence a config check can show; empty when it is.
   */
  public static Optional<String> problem(String text) {
    Matcher form = text == null ? null : FORM.matcher(text);
    if (form == null || !form.matches()) {
      return Optional.of(
          "must be '<JSONPath> <operator> <JSON value>' such as '$.checks.database.status =="
              + " \"pass\"' (operators: "
              + String.join(" ", OPERATORS)
              + "), not '"
              + text
              + "'");
    }
    String operator = form.group(2);
    String value = form.group(3);
    boolean number = NUMBER.matcher(value).matches();
    if (!number
        && !STRING.matcher(value).matches()
        && !List.of("true", "false", "null").contains(value)) {
      return Optional.of(
          "the value must be JSON: a number, true, false, null or a \"quoted string\", not '"
              + value
              + "'");
    }
    if (!number && !(operator.equals("==") || operator.equals("!="))) {
      return Optional.of("'" + operator + "' compares numbers only, not '" + value + "'");
    }
    return Optional.empty();
  }

  private static JsonExpectation read(String text) {
    Matcher form = FORM.matcher(text);
    form.matches();
    return new JsonExpectation(form.group(1), form.group(2), form.group(3));
  }

  /** Whether {@link #expected} is a number, so the comparison is numeric. */
  public boolean numeric() {
    return NUMBER.matcher(expected).matches();
  }

  @Override
  public String toString() {
    return path + " " + operator + " " + expected;
  }
}
