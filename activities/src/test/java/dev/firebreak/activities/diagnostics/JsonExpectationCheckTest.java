package dev.firebreak.activities.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonExpectationCheckTest {

  private static final String BODY =
      """
      {"status": "pass", "latency": 420, "ratio": 0.25, "maintenance": false, "error": null,
       "checks": {"database": {"status": "pass"}, "email": {"status": "fail"}},
       "regions": [{"name": "eu", "up": true}, {"name": "us", "up": true}]}
      """;

  private final JsonExpectationCheck check = new JsonExpectationCheck();

  @ParameterizedTest(name = "{0} holds: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "$.checks.database.status == \"pass\" | true",
        "$.checks.email.status == \"pass\"     | false",
        "$.checks.email.status != \"pass\"     | true",
        "$.status != \"pass\"                  | false",
        "$.latency < 500                       | true",
        "$.latency < 420                       | false",
        "$.latency <= 420                      | true",
        "$.latency > 100                       | true",
        "$.latency > 420                       | false",
        "$.latency >= 420                      | true",
        "$.latency == 420.0                    | true",
        "$.ratio < 0.5                         | true",
        "$.maintenance == false                | true",
        "$.error == null                       | true",
        "$.status < 5                          | false",
        "$.missing == \"pass\"                 | false",
        "$.missing != \"pass\"                 | false",
        "$.checks.missing.status == null       | false",
        "$.regions[*].up == true               | true",
        "$.regions[?(@.name=='eu')].up == true | true",
        "$.regions[?(@.name=='ap')].up == true | false"
      })
  void anExpectationHoldsOnlyWhenThePathIsThereAndTheComparisonIsTrue(
      String expectation, boolean holds) {
    List<String> failures = check.failures(BODY, List.of(expectation.strip()));

    assertThat(failures.isEmpty()).as(String.valueOf(failures)).isEqualTo(holds);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "$.latency < 400 | $.latency is 420 (expected $.latency < 400)",
        "$.missing == 1 | $.missing is missing (expected $.missing == 1)",
        "$.checks.email.status == \"pass\" | $.checks.email.status is \"fail\" (expected $.checks.email.status == \"pass\")"
      })
  void aFailureSaysWhatWasFoundAndWhatWasExpected(String expectation, String failure) {
    assertThat(check.failures(BODY, List.of(expectation))).containsExactly(failure);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<html>Bad gateway</html> | the body is not JSON (\"<html>Bad gateway</html>\")",
        "'' | the body is empty"
      })
  void aBodyThatIsNotJsonFailsEveryExpectationAtOnce(String body, String failure) {
    assertThat(check.failures(body, List.of("$.status == \"pass\"", "$.latency < 500")))
        .containsExactly(failure);
  }
}
