package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.diagnostics.ErrorCount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssessmentErrorWindowTest {

  @ParameterizedTest(name = "a {0} window reads \"{1}\"")
  @CsvSource({"PT15M, 15m", "PT1H, 1h", "PT90M, 1h 30m", "PT24H, 1d"})
  void theErrorCountsWindowReadsAsOnCallPeopleSayIt(String window, String spoken) {
    ErrorCount count =
        new ErrorCount("recoup-backend", "4501", 42, Duration.parse(window), false, null);

    Assessment assessment =
        Assessment.of(
            IncidentPolicies.recoup(),
            Instant.EPOCH,
            List.of(),
            List.of(),
            List.of(),
            List.of(count),
            List.of());

    assertThat(assessment.results())
        .containsExactly(
            "Errors of recoup-backend (Sentry project 4501): 42 in the last " + spoken);
  }
}
