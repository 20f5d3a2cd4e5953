package dev.firebreak.workflows.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.rollback.PlatformService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActionParametersTest {

  private static final ParameterSpec EVENT =
      new ParameterSpec(
          "event", ParameterType.STRING, true, "evt_[A-Za-z0-9]+", null, null, null, "");
  private static final ParameterSpec INSTANCES =
      new ParameterSpec("instances", ParameterType.INTEGER, false, null, 1L, 10L, "2", "");
  private static final ParameterSpec EVENTS =
      new ParameterSpec(
          "events", ParameterType.LIST, false, "evt_[A-Za-z0-9]+", null, null, null, "");
  private static final ParameterSpec WINDOW =
      new ParameterSpec("window", ParameterType.TIME_RANGE, false, null, null, 3600L, null, "");
  private static final List<ParameterSpec> SPECS = List.of(EVENT, INSTANCES, EVENTS, WINDOW);

  static Stream<Arguments> acceptedValues() {
    return Stream.of(
        Arguments.of("event", "evt_1Abc", "evt_1Abc"),
        Arguments.of("event", "  evt_1Abc ", "evt_1Abc"),
        Arguments.of("instances", "1", "1"),
        Arguments.of("instances", "10", "10"),
        Arguments.of("events", "evt_a", "evt_a"),
        Arguments.of("events", "evt_a, evt_b,evt_c", "evt_a, evt_b,evt_c"),
        Arguments.of(
            "window",
            "2026-01-01T10:00:00Z/2026-01-01T11:00:00Z",
            "2026-01-01T10:00:00Z/2026-01-01T11:00:00Z"));
  }

  @ParameterizedTest(name = "{0}={1} is accepted")
  @MethodSource("acceptedValues")
  void aValueWithinItsSpecIsAcceptedAsGiven(String name, String value, String expected) {
    Map<String, String> given = new java.util.HashMap<>(Map.of("event", "evt_x"));
    given.put(name, value);

    assertThat(ActionParameters.validate(SPECS, given)).containsEntry(name, expected);
  }

  static Stream<Arguments> refusedValues() {
    return Stream.of(
        Arguments.of("event", "ch_123", "Parameter \"event\" must match evt_[A-Za-z0-9]+."),
        Arguments.of("event", "evt_1\nevt_2", "may not contain control characters"),
        Arguments.of("event", "evt_" + "a".repeat(500), "is longer than 500 characters"),
        Arguments.of("event", "evt_${SLACK_TOKEN}", "may not contain \"${\""),
        Arguments.of("instances", "0", "Parameter \"instances\" must be at least 1."),
        Arguments.of("instances", "11", "Parameter \"instances\" must be at most 10."),
        Arguments.of("instances", "two", "must be a whole number, not \"two\""),
        Arguments.of("instances", "1.5", "must be a whole number"),
        Arguments.of("events", "evt_a,,evt_b", "has an empty element"),
        Arguments.of("events", "evt_a,ch_b", "\"ch_b\" does not match"),
        Arguments.of("window", "yesterday", "must be <from>/<to> as ISO-8601 instants"),
        Arguments.of("window", "2026-01-01T10:00:00Z", "must be <from>/<to>"),
        Arguments.of(
            "window", "2026-01-01T11:00:00Z/2026-01-01T10:00:00Z", "must end after it starts"),
        Arguments.of(
            "window", "2026-01-01T10:00:00Z/2026-01-01T11:00:01Z", "may span at most 60 minutes"),
        Arguments.of("force", "yes", "Unknown parameter \"force\"; it takes event,"));
  }

  @ParameterizedTest(name = "{0}={1} is refused")
  @MethodSource("refusedValues")
  void aValueOutsideItsSpecIsRefusedWithASentenceNamingTheProblem(
      String name, String value, String message) {
    Map<String, String> given = new java.util.HashMap<>(Map.of("event", "evt_x"));
    given.put(name, value);

    assertThatThrownBy(() -> ActionParameters.validate(SPECS, given))
        .isInstanceOf(InvalidParameters.class)
        .hasMessageContaining(message);
  }

  @Test
  void aRequiredParameterLeftOutIsRefusedAndAnOptionalOneTakesItsDefault() {
    assertThatThrownBy(() -> ActionParameters.validate(SPECS, Map.of()))
        .hasMessage("Parameter \"event\" is required.");
    assertThat(ActionParameters.validate(SPECS, Map.of("event", "evt_1")))
        .isEqualTo(Map.of("event", "evt_1", "instances", "2"));
  }

  @Test
  void anActionWithoutParametersRefusesAnyAndSaysItTakesNone() {
    assertThatThrownBy(() -> ActionParameters.validate(List.of(), Map.of("x", "1")))
        .hasMessage("Unknown parameter \"x\"; it takes no parameters.");
  }

  static Stream<ActionStep> everyKind() {
    PlatformService api = new PlatformService("api", "render", "srv-1");
    return Stream.of(
        new ActionStep.Env(api, Map.of("FLAG", "{{value}}"), List.of("{{value}}")),
        new ActionStep.Restart(api),
        new ActionStep.Scale(api, "{{value}}"),
        new ActionStep.Redeploy(api),
        new ActionStep.Rollback("{{value}}"),
        new ActionStep.ReplayWebhooks("stripe", "{{value}}", "{{value}}"),
        new ActionStep.RunJob("sync", Map.of("p", "{{value}}")),
        new ActionStep.Http(
            HttpAction.configured(
                "call",
                "POST",
                "https://x/{{value}}?t=${TOKEN}",
                Map.of("X-V", "{{ value }}"),
                "{\"v\":\"{{value}}\",\"s\":\"${SECRET}\"}",
                200,
                Duration.ofSeconds(5))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyKind")
  void everyPlaceholderInAStepIsReplacedOnceAndNothingElseIsExpanded(ActionStep step) {
    // The value looks like a placeholder and a reference: it must arrive as literal text.
    String value = "{{other}}";

    String filled =
        ActionParameters.substitute(step, Map.of("value", value, "other", "X")).toString();

    assertThat(filled).doesNotContain("{{value}}", "{{ value }}", "X\"", "/X");
    if (!step.toString().contains("{{value}}")) {
      assertThat(filled).isEqualTo(step.toString());
    } else {
      assertThat(filled).contains("{{other}}");
    }
    if (step instanceof ActionStep.Http) {
      // Config-written references stay for the worker to expand; parameters never add one.
      assertThat(filled).contains("${TOKEN}", "${SECRET}");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyKind")
  void aValueHoldingAnEnvironmentReferenceIsNeverSubstituted(ActionStep step) {
    if (!step.toString().contains("{{value}}")) {
      return;
    }
    assertThatThrownBy(() -> ActionParameters.substitute(step, Map.of("value", "${SECRET}")))
        .isInstanceOf(InvalidParameters.class);
  }

  @Test
  void aPlaceholderWithoutAParameterIsAnErrorRatherThanSentHalfFilled() {
    assertThatThrownBy(() -> ActionParameters.substitute("a {{missing}} b", Map.of()))
        .hasMessageContaining("{{missing}}");
  }

  @Test
  void aTimeRangeParsesIntoItsTwoInstants() {
    assertThat(ActionParameters.parseTimeRange("2026-01-01T10:00:00Z/2026-01-01T11:00:00Z"))
        .isEqualTo(
            new ActionParameters.TimeRange(
                Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T11:00:00Z")));
  }
}
