package dev.firebreak.starter.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.incident.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IncidentVisibilityQueryTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "recoup-backend",
        "it's",
        "'",
        "''",
        "x'",
        "'x",
        "a\\b",
        "\\",
        "\\'",
        "x\\' OR WorkflowType != '",
        "x' OR WorkflowType = 'IncidentWorkflow",
        "x') OR (1 = 1",
        "x\" OR \"1\" = \"1",
        "zoë ✓",
        "line\nbreak",
        ""
      })
  void everyValueIsOneLiteralThatReadsBackAsItself(String value) {
    String literal = IncidentVisibilityQuery.quote(value);

    // Read as the server's SQL tokenizer reads a single-quoted string: it ends at the first lone
    // quote.
    Literal read = Literal.read(literal);
    assertThat(read.end())
        .as("the literal ends where the quoting ends, so nothing after it is a clause")
        .isEqualTo(literal.length());
    assertThat(read.value()).isEqualTo(value);
  }

  @Test
  void aServiceWithAQuoteCannotAddAClauseToTheQuery() {
    String service = "x' OR WorkflowType = 'IncidentWorkflow";

    String query = IncidentVisibilityQuery.running(new IncidentFilter(null, null, service), true);

    assertThat(query)
        .isEqualTo(
            "WorkflowType = 'IncidentWorkflow' AND FirebreakService = "
                + "'x'' OR WorkflowType = ''IncidentWorkflow' AND ExecutionStatus = 'Running'");
  }

  @Test
  void anIdempotencyKeyIsOneLiteralInTheQueryForTheRunningIncidentItStarted() {
    assertThat(IncidentVisibilityQuery.runningWithKey("x' OR ExecutionStatus != 'Running"))
        .isEqualTo(
            "WorkflowType = 'IncidentWorkflow' AND ExecutionStatus = 'Running'"
                + " AND FirebreakIdempotencyKey = 'x'' OR ExecutionStatus != ''Running'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"4f1c2a9e-1b2c-4d5e-8f90-a1b2c3d4e5f6", "ci-run-8812/deploy-42", "zoë 42 #deploy"})
  void keysOfLettersDigitsAndCommonPunctuationAreFoundByTheQuery(String key) {
    assertThat(IncidentVisibilityQuery.findsKey(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy\\42", "\"deploy\"", "'deploy'", "it's", "a\nb", ""})
  void keysTheServerMayNotMatchExactlyAreLookedForByListing(String key) {
    assertThat(IncidentVisibilityQuery.findsKey(key)).isFalse();
  }

  @Test
  void theServerFiltersOnEveryValueWhenItHasTheSearchAttributes() {
    IncidentFilter filter = new IncidentFilter("ACKNOWLEDGED", Severity.P1, "recoup-backend");

    assertThat(IncidentVisibilityQuery.running(filter, true))
        .isEqualTo(
            "WorkflowType = 'IncidentWorkflow'"
                + " AND FirebreakSeverity = 'P1' AND FirebreakService = 'recoup-backend' AND ExecutionStatus = 'Running'"
                + " AND FirebreakStatus = 'ACKNOWLEDGED'");
    assertThat(IncidentVisibilityQuery.closed(IncidentFilter.ALL, true))
        .isEqualTo(
            "WorkflowType = 'IncidentWorkflow'"
                + " AND ExecutionStatus != 'Running' AND ExecutionStatus != 'ContinuedAsNew'");
  }

  @Test
  void withoutTheSearchAttributesTheQueryAsksOnlyForTypeAndExecutionStatus() {
    IncidentFilter filter = new IncidentFilter("MITIGATING", Severity.P0, "recoup-backend");

    assertThat(IncidentVisibilityQuery.running(filter, false))
        .isEqualTo("WorkflowType = 'IncidentWorkflow' AND ExecutionStatus = 'Running'");
    assertThat(IncidentVisibilityQuery.closed(filter, false))
        .isEqualTo(
            "WorkflowType = 'IncidentWorkflow' AND ExecutionStatus != 'Running' AND ExecutionStatus != 'ContinuedAsNew'");
  }

  /**
   * A single-quoted SQL string as MySQL-style tokenizers read it: {@code ''} and backslash escapes.
   */
  record Literal(String value, int end) {
    static Literal read(String text) {
      assertThat(text).startsWith("'");
      StringBuilder value = new StringBuilder();
      int i = 1;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < text.length()) {
          value.append(text.charAt(i + 1));
          i += 2;
        } else if (c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          value.append('\'');
          i += 2;
        } else if (c == '\'') {
          return new Literal(value.toString(), i + 1);
        } else {
          value.append(c);
          i++;
        }
      }
      throw new AssertionError("unterminated literal: " + text);
    }
  }
}
