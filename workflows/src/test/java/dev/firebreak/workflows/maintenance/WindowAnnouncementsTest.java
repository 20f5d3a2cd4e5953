package dev.firebreak.workflows.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowAnnouncementsTest {

  private static final Instant START = Instant.parse("2026-12-10T02:00:00Z");
  private static final List<Duration> OFFSETS =
      List.of(
          Duration.ofHours(1), Duration.ofHours(48), Duration.ofHours(24), Duration.ofHours(24));

  @ParameterizedTest(name = "scheduled {0} h ahead: one now for {1}, then {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "72, null, PT48H PT24H PT1H",
        "48, PT48H, PT24H PT1H",
        "30, PT48H, PT24H PT1H",
        "12, PT24H, PT1H",
        "0, PT1H, ''",
      })
  void offsetsAlreadyPastFoldIntoOneAnnouncementNamedByTheClosest(
      long hoursAhead, String now, String ahead) {
    WindowAnnouncements announcements =
        WindowAnnouncements.of(OFFSETS, START, START.minus(Duration.ofHours(hoursAhead)));

    assertThat(announcements.now()).isEqualTo(Optional.ofNullable(now).map(Duration::parse));
    assertThat(announcements.ahead())
        .isEqualTo(
            ahead.isBlank()
                ? List.of()
                : List.of(ahead.split(" ")).stream().map(Duration::parse).toList());
  }

  @Test
  void eachOffsetHasItsOwnMessageKeySoARetryNeverAnnouncesTwice() {
    assertThat(WindowAnnouncements.key(Duration.ofHours(48))).isEqualTo("announce-pt48h");
    assertThat(WindowAnnouncements.key(Duration.ofMinutes(90))).isEqualTo("announce-pt1h30m");
  }
}
