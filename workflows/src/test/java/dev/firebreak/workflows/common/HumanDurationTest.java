package dev.firebreak.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  @ParameterizedTest(name = "{0} reads \"{1}\"")
  @CsvSource({
    "PT0S, 0s",
    "PT20S, 20s",
    "PT59.6S, 1m",
    "PT3M59.98S, 4m",
    "PT4M12S, 4m 12s",
    "PT30M, 30m",
    "PT1H, 1h",
    "PT1H5M, 1h 05m",
    "PT48H, 2d",
    "PT26H, 1d 02h",
    "PT-5S, 0s",
  })
  void durationsReadAsOnCallPeopleSayThemNeverInIsoForm(String iso, String spoken) {
    String text = HumanDuration.of(Duration.parse(iso));

    assertThat(text).isEqualTo(spoken).doesNotContain("PT");
  }

  @org.junit.jupiter.api.Test
  void noDurationReadsNotApplicable() {
    assertThat(HumanDuration.of(null)).isEqualTo("n/a");
  }

  @ParameterizedTest(name = "the limit {0} reads \"{1}\"")
  @CsvSource({
    "PT0.5S, 500ms",
    "PT0.05S, 50ms",
    "PT1.5S, 1500ms",
    "PT10S, 10s",
    "PT30S, 30s",
    "PT1M30S, 1m 30s",
  })
  void aConfiguredLimitReadsExactlyNeverRounded(String iso, String spoken) {
    assertThat(HumanDuration.exact(Duration.parse(iso))).isEqualTo(spoken);
  }

  @ParameterizedTest(name = "{0} on a report reads {1}")
  @CsvSource({
    "PT0S, 00:00:00",
    "PT59S, 00:00:59",
    "PT1H2M3S, 01:02:03",
    "PT26H, 26:00:00",
    "PT-5S, 00:00:00",
  })
  void aReportsClockShowsHoursMinutesAndSecondsWithoutFoldingDays(String iso, String clock) {
    assertThat(HumanDuration.clock(Duration.parse(iso))).isEqualTo(clock);
  }
}
