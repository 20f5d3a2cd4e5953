package dev.firebreak.workflows.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonExpectationTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "$.checks.database.status == \"pass\" | $.checks.database.status | == | \"pass\"",
        "  $.latency < 500  | $.latency | < | 500",
        "$.items[0].ok != false | $.items[0].ok | != | false",
        "$.ratio >= -0.5e2 | $.ratio | >= | -0.5e2",
        "$.name == \"a b\" | $.name | == | \"a b\"",
        "$.gone == null | $.gone | == | null"
      })
  void anExpectationIsAPathAnOperatorAndAJsonValue(
      String text, String path, String operator, String expected) {
    assertThat(JsonExpectation.parse(text)).contains(new JsonExpectation(path, operator, expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "latency < 500",
        "$.latency<500",
        "$.a = 1",
        "$.a == pass",
        "$.a < \"x\"",
        "$.a > true",
        "$.a ==",
        ""
      })
  void anythingElseIsRefusedWithAReason(String text) {
    assertThat(JsonExpectation.parse(text)).isEmpty();
    assertThat(JsonExpectation.problem(text)).isNotEmpty();
  }
}
