package dev.firebreak.activities.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretExpanderTest {

  private final SecretExpander expander =
      new SecretExpander(
          Map.of("TOKEN", "s3cr3t", "HOST", "api.example.com", "ODD", "a$1\\b")::get);

  @Test
  void expandsEveryReferenceAndLeavesTheRest() {
    assertThat(expander.expand("https://${HOST}/purge?token=${TOKEN}&x=$HOST"))
        .isEqualTo("https://api.example.com/purge?token=s3cr3t&x=$HOST");
  }

  @Test
  void valuesWithReplacementCharactersAreInsertedLiterally() {
    assertThat(expander.expand("${ODD}")).isEqualTo("a$1\\b");
  }

  @Test
  void nullAndReferenceFreeTextPassThrough() {
    assertThat(expander.expand(null)).isNull();
    assertThat(expander.expand("plain")).isEqualTo("plain");
  }

  @Test
  void unsetVariableIsAPermanentFailureNamingItButNoValue() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> expander.expand("Bearer ${TOKEN} ${MISSING_KEY}"));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(SecretExpander.MISSING_VARIABLE);
    assertThat(failure.getOriginalMessage()).contains("MISSING_KEY").doesNotContain("s3cr3t");
  }

  @Test
  void expandsMapValuesInOrder() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer ${TOKEN}");
    headers.put("Accept", "application/json");

    assertThat(expander.expandValues(headers))
        .containsExactly(
            Map.entry("Authorization", "Bearer s3cr3t"), Map.entry("Accept", "application/json"));
    assertThat(expander.expandValues(null)).isEmpty();
  }
}
