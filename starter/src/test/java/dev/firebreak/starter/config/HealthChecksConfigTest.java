package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthChecksConfigTest {

  private static ConfigCheck check(String healthChecks) {
    return new ConfigLoader()
        .check(ConfigLoaderTest.MINIMAL + "healthChecks: " + healthChecks + "\n");
  }

  @Test
  void unsetHealthChecksAreConfirmedByTwoChecksThreeSecondsApart() {
    FirebreakConfig config = new ConfigLoader().load(ConfigLoaderTest.MINIMAL);

    assertThat(config.healthChecks().confirmations()).isEqualTo(2);
    assertThat(config.healthChecks().intervalDuration()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void confirmationAndIntervalAreReadFromTheConfig() {
    ConfigCheck check = check("{ confirmations: 3, interval: 5s }");

    assertThat(check.problems()).isEmpty();
    assertThat(check.config().healthChecks().confirmations()).isEqualTo(3);
    assertThat(check.config().healthChecks().intervalDuration()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void oneConfirmationBelievesTheFirstFailure() {
    assertThat(check("{ confirmations: 1 }").problems()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{ confirmations: 0 }           | healthChecks.confirmations: must be between 1 and 3, not 0",
        "{ confirmations: 4 }           | healthChecks.confirmations: must be between 1 and 3, not 4",
        "{ interval: soon }             | healthChecks.interval: must be a duration like 15m",
        "{ interval: 0s }               | healthChecks.interval: must be a duration like 15m",
        "{ interval: 11s }              | healthChecks.interval: must be at most 10s (a recheck is quick), not '11s'",
        "{ interval: 1m }               | healthChecks.interval: must be at most 10s (a recheck is quick), not '1m'"
      })
  void confirmationThatWouldNotFitInAHealthCheckIsReportedWithItsPath(
      String healthChecks, String problem) {
    assertThat(check(healthChecks).problems())
        .extracting(ConfigProblem::toString)
        .anySatisfy(p -> assertThat(p).startsWith(problem));
  }
}
