package dev.firebreak.workflows.playbook;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.firebreak.workflows.action.HttpAction;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks what a caller filled in against an action's {@link ParameterSpec}s, and puts the checked
 * values into the action's step. Pure: no I/O, no clock, so workflow code may call it too.
 */
public final class ActionParameters {

  /** The longest value a caller may fill in: an id list or a time range fits many times over. */
  public static final int MAX_VALUE_LENGTH = 500;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

  private ActionParameters() {}

  /**
   * The values the step will use: every given value checked, every left-out one defaulted.
   *
   * @throws InvalidParameters naming each problem in a sentence an operator can act on
   */
  public static Map<String, String> validate(List<ParameterSpec> specs, Map<String, String> given) {
    Map<String, String> supplied = given == null ? Map.of() : given;
    List<String> problems = new ArrayList<>();
    Map<String, ParameterSpec> byName = new LinkedHashMap<>();
    for (ParameterSpec spec : specs) {
      byName.put(spec.name(), spec);
    }
    for (String name : supplied.keySet()) {
      if (!byName.containsKey(name)) {
        problems.add(
            "Unknown parameter \""
                + name
                + "\"; it takes "
                + (byName.isEmpty() ? "no parameters" : String.join(", ", byName.keySet()))
                + ".");
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (ParameterSpec spec : specs) {
      String value = supplied.get(spec.name());
      if (value == null || value.isBlank()) {
        if (spec.defaultValue() != null) {
          values.put(spec.name(), spec.defaultValue());
        } else if (spec.required()) {
          problems.add("Parameter \"" + spec.name() + "\" is required.");
        }
        continue;
      }
      String problem = problemWith(spec, value.strip());
      if (problem != null) {
        problems.add(problem);
      } else {
        values.put(spec.name(), value.strip());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidParameters(problems);
    }
    return Map.copyOf(values);
  }

  /**
   * The step with each {@code {{name}}} replaced by its value. Replacement happens once: a value
   * that itself looks like a placeholder stays literal text, and nothing else is expanded.
   */
  public static ActionStep substitute(ActionStep step, Map<String, String> values) {
    if (step instanceof ActionStep.Env env) {
      return new ActionStep.Env(
          env.service(),
          substituteValues(env.set(), values),
          env.unset() == null
              ? null
              : env.unset().stream().map(name -> substitute(name, values)).toList());
    }
    if (step instanceof ActionStep.Scale scale) {
      return new ActionStep.Scale(scale.service(), substitute(scale.instances(), values));
    }
    if (step instanceof ActionStep.Rollback rollback) {
      return new ActionStep.Rollback(substitute(rollback.service(), values));
    }
    if (step instanceof ActionStep.ReplayWebhooks replay) {
      return new ActionStep.ReplayWebhooks(
          replay.job(),
          substitute(replay.eventIds(), values),
          substitute(replay.timeRange(), values));
    }
    if (step instanceof ActionStep.RunJob job) {
      return new ActionStep.RunJob(job.job(), substituteValues(job.parameters(), values));
    }
    if (step instanceof ActionStep.Http http) {
      return new ActionStep.Http(substitute(http.call(), values));
    }
    // Restart and redeploy name only a configured service: nothing in them is filled in.
    return step;
  }

  /**
   * The call with each {@code {{name}}} in its URL, headers and body replaced, each value escaped
   * for where it lands: percent-encoded in the URL (a value cannot add a query parameter or a path
   * segment), JSON-escaped in a JSON body (it cannot close its string). Headers take it as it is;
   * no value holds a line break.
   */
  public static HttpAction substitute(HttpAction call, Map<String, String> values) {
    return new HttpAction(
        call.name(),
        call.method(),
        substitute(call.url(), values, ActionParameters::percentEncoded),
        substituteValues(call.headers(), values),
        substitute(
            call.body(),
            values,
            isJson(call.body()) ? ActionParameters::jsonEscaped : value -> value),
        call.expectedStatus(),
        call.timeout(),
        call.fromConfig());
  }

  /**
   * The text with each {@code {{name}}} replaced. A placeholder without a value is an error rather
   * than left in place, so a half-filled call is never sent.
   */
  public static String substitute(String text, Map<String, String> values) {
    return substitute(text, values, value -> value);
  }

  private static String substitute(
      String text, Map<String, String> values, UnaryOperator<String> escape) {
    if (text == null) {
      return null;
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new InvalidParameters(
            List.of("The action uses {{" + matcher.group(1) + "}} but has no such parameter."));
      }
      requireNoReference(matcher.group(1), value);
      matcher.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** The range a valid TIME_RANGE value names. */
  public static TimeRange parseTimeRange(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      throw new DateTimeParseException("no slash", value, 0);
    }
    return new TimeRange(
        Instant.parse(value.substring(0, slash).strip()),
        Instant.parse(value.substring(slash + 1).strip()));
  }

  /** From (inclusive) and to (exclusive) of a TIME_RANGE parameter. */
  public record TimeRange(Instant from, Instant to) {}

  private static boolean isJson(String body) {
    String start = body == null ? "" : body.stripLeading();
    return start.startsWith("{") || start.startsWith("[");
  }

  /** Every byte but the unreserved ones percent-encoded: safe in a path segment and a query. */
  private static String percentEncoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String jsonEscaped(String value) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(value));
  }

  private static Map<String, String> substituteValues(
      Map<String, String> map, Map<String, String> values) {
    if (map == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((key, value) -> out.put(key, substitute(value, values)));
    return out;
  }

  private static String problemWith(ParameterSpec spec, String value) {
    String name = "Parameter \"" + spec.name() + "\"";
    if (value.length() > MAX_VALUE_LENGTH) {
      return name + " is longer than " + MAX_VALUE_LENGTH + " characters.";
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      // A value lands in URLs, headers, Slack and the timeline: a line break would split any of
      // them.
      return name + " may not contain control characters such as line breaks.";
    }
    if (value.contains("${")) {
      // A configured HTTP call expands ${ENV} in the worker; a value must never reach that.
      return name + " may not contain \"${\".";
    }
    ParameterType type = spec.type() == null ? ParameterType.STRING : spec.type();
    return switch (type) {
      case STRING -> matches(spec, value) ? null : name + " must match " + spec.pattern() + ".";
      case INTEGER -> integerProblem(spec, name, value);
      case LIST -> {
        for (String element : value.split(",")) {
          if (element.isBlank()) {
            yield name + " has an empty element; separate values with single commas.";
          }
          if (!matches(spec, element.strip())) {
            yield name + ": \"" + element.strip() + "\" does not match " + spec.pattern() + ".";
          }
        }
        yield null;
      }
      case TIME_RANGE -> timeRangeProblem(spec, name, value);
    };
  }

  private static String integerProblem(ParameterSpec spec, String name, String value) {
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException e) {
      return name + " must be a whole number, not \"" + value + "\".";
    }
    if (spec.min() != null && number < spec.min()) {
      return name + " must be at least " + spec.min() + ".";
    }
    if (spec.max() != null && number > spec.max()) {
      return name + " must be at most " + spec.max() + ".";
    }
    return null;
  }

  private static String timeRangeProblem(ParameterSpec spec, String name, String value) {
    TimeRange range;
    try {
      range = parseTimeRange(value);
    } catch (DateTimeParseException e) {
      return name
          + " must be <from>/<to> as ISO-8601 instants, for example"
          + " 2026-01-01T10:00:00Z/2026-01-01T11:00:00Z.";
    }
    if (!range.to().isAfter(range.from())) {
      return name + " must end after it starts.";
    }
    if (spec.max() != null
        && Duration.between(range.from(), range.to()).compareTo(Duration.ofSeconds(spec.max()))
            > 0) {
      return name + " may span at most " + Duration.ofSeconds(spec.max()).toMinutes() + " minutes.";
    }
    return null;
  }

  private static boolean matches(ParameterSpec spec, String value) {
    if (spec.pattern() == null) {
      return true;
    }
    try {
      return Pattern.compile(spec.pattern()).matcher(value).matches();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private static void requireNoReference(String name, String value) {
    if (value.contains("${")) {
      throw new InvalidParameters(List.of("Parameter \"" + name + "\" may not contain \"${\"."));
    }
  }
}
