package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

  @Test
  void readsTheRunbookShorthand() {
    assertThat(DurationText.parse("30s")).contains(Duration.ofSeconds(30));
    assertThat(DurationText.parse("15m")).contains(Duration.ofMinutes(15));
    assertThat(DurationText.parse("1h")).contains(Duration.ofHours(1));
    assertThat(DurationText.parse("2d")).contains(Duration.ofDays(2));
  }

  @Test
  void readsIso8601() {
    assertThat(DurationText.parse("PT15M")).contains(Duration.ofMinutes(15));
    assertThat(DurationText.parse("P2D")).contains(Duration.ofDays(2));
  }

  @Test
  void refusesWhatIsNotAPositiveDuration() {
    assertThat(DurationText.parse("soon")).isEmpty();
    assertThat(DurationText.parse("15")).isEmpty();
    assertThat(DurationText.parse("0m")).isEmpty();
    assertThat(DurationText.parse("PT-5M")).isEmpty();
    assertThat(DurationText.parse("15 minutes")).isEmpty();
    assertThat(DurationText.parse(null)).isEmpty();
  }
}
