package dev.firebreak.workflows.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeartbeatClockTest {

  private static final Instant PING = Instant.parse("2026-03-02T10:00:00Z");

  private final HeartbeatClock clock =
      new HeartbeatClock(
          HeartbeatSpecs.every(
              "webhook-retry",
              Duration.ofMinutes(15),
              Duration.ofMinutes(5),
              Duration.ofMinutes(10)));

  private static HeartbeatRecord pingedAt(Instant success, Instant runStarted) {
    return new HeartbeatRecord(
        PING,
        success,
        success,
        null,
        runStarted,
        null,
        false,
        false,
        null,
        null,
        0,
        0,
        0,
        0,
        null,
        List.of());
  }

  @ParameterizedTest(name = "{0} after the last ping the heartbeat is {1}")
  @CsvSource({
    "PT0S, UP",
    "PT14M59S, UP",
    "PT15M, LATE",
    "PT19M59S, LATE",
    "PT20M, DOWN",
    "P3D, DOWN"
  })
  void aPeriodHeartbeatIsUpUntilThePeriodLateWithinGraceAndDownAfter(
      Duration since, HeartbeatState expected) {
    assertThat(clock.stateAt(pingedAt(PING, null), PING.plus(since))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "a run open for {0} (last success long ago enough: {1}) is {2}")
  @CsvSource({
    "PT9M, UP",
    "PT10M, LATE",
    "PT15M, DOWN",
  })
  void anOpenRunIsLateAfterMaxRunTimeAndDownAfterGraceWhateverThePeriodSays(
      Duration open, HeartbeatState expected) {
    Instant started = PING.plusSeconds(60);
    assertThat(clock.stateAt(pingedAt(PING, started), started.plus(open))).isEqualTo(expected);
  }

  @Test
  void aHeartbeatNeverPingedIsNewAndNothingIsDueWhateverTheTime() {
    HeartbeatRecord fresh = HeartbeatRecord.fresh(PING);
    assertThat(clock.stateAt(fresh, PING.plus(Duration.ofDays(30)))).isEqualTo(HeartbeatState.NEW);
    assertThat(clock.nextChange(fresh, PING)).isEmpty();
  }

  @Test
  void aFailureIsDownAndOnlyAPingChangesIt() {
    HeartbeatRecord failed =
        new HeartbeatRecord(
            PING, PING, PING, PING, null, null, true, false, null, null, 0, 0, 0, 0, null,
            List.of());
    assertThat(clock.stateAt(failed, PING)).isEqualTo(HeartbeatState.DOWN);
    assertThat(clock.nextChange(failed, PING)).isEmpty();
  }

  @Test
  void theNextChangeIsTheExpectedTimeThenTheEndOfGraceThenNothing() {
    HeartbeatRecord up = pingedAt(PING, null);
    assertThat(clock.nextChange(up, PING)).contains(PING.plus(Duration.ofMinutes(15)));
    assertThat(clock.nextChange(up, PING.plus(Duration.ofMinutes(15))))
        .contains(PING.plus(Duration.ofMinutes(20)));
    assertThat(clock.nextChange(up, PING.plus(Duration.ofMinutes(20)))).isEmpty();
  }

  @ParameterizedTest(name = "{0} after {1} in {2}: next fire {3}")
  @CsvSource({
    "'*/15 * * * *', 2026-03-02T10:07:00Z, UTC, 2026-03-02T10:15:00Z",
    "'*/15 * * * *', 2026-03-02T10:15:00Z, UTC, 2026-03-02T10:30:00Z",
    "'0 2 * * *', 2026-03-02T10:00:00Z, UTC, 2026-03-03T02:00:00Z",
    "'0 3 * * 0', 2026-03-02T10:00:00Z, UTC, 2026-03-08T03:00:00Z",
    "'0 3 * * SUN', 2026-03-02T10:00:00Z, UTC, 2026-03-08T03:00:00Z",
    "'0 0 1 * *', 2026-03-02T10:00:00Z, UTC, 2026-04-01T00:00:00Z",
    "'0 9 * * 1-5', 2026-03-06T10:00:00Z, Europe/London, 2026-03-09T09:00:00Z",
    // London springs forward at 01:00 UTC on 29 March: 01:30 local does not exist that night and
    // moves forward by the gap, to 02:30 BST.
    "'30 1 * * *', 2026-03-28T12:00:00Z, Europe/London, 2026-03-29T01:30:00Z",
    // New York falls back on 1 November: 01:30 happens twice and fires once, at the first.
    "'30 1 * * *', 2026-10-31T12:00:00Z, America/New_York, 2026-11-01T05:30:00Z",
    "'30 1 * * *', 2026-11-01T05:30:00Z, America/New_York, 2026-11-02T06:30:00Z",
    "'0 0 29 2 *', 2026-03-02T10:00:00Z, UTC, 2028-02-29T00:00:00Z"
  })
  void aCronHeartbeatExpectsItsPingAtTheNextFireInItsTimeZone(
      String cron, Instant after, String zone, Instant next) {
    assertThat(CronSchedule.of(cron, zone).nextAfter(after)).isEqualTo(next);
  }

  @ParameterizedTest(name = "a success {0} after the last signalled one must be signalled: {1}")
  @CsvSource({
    "PT10S, false",
    "PT1M30S, false",
    "PT1M31S, true",
    "PT14M, true",
    "PT15M, true",
    "PT1H, true"
  })
  void aSuccessReachesTheWorkflowOnlyWhenItMovesTheDeadlineBeyondTheToleranceOrTheDeadlineCame(
      Duration since, boolean matters) {
    // A tenth of 15 minutes (1m 30s) is less than half the 5 minutes of grace.
    assertThat(clock.coalescingTolerance()).isEqualTo(Duration.ofSeconds(90));
    assertThat(clock.successMatters(PING, PING.plus(since))).isEqualTo(matters);
  }

  @ParameterizedTest(name = "a cron success at {0} after one at 10:01 matters: {1}")
  @CsvSource({
    "2026-03-02T10:05:00Z, false",
    "2026-03-02T10:14:59Z, false",
    "2026-03-02T10:15:00Z, true",
    "2026-03-02T10:16:00Z, true"
  })
  void aCronSuccessIsAbsorbedUntilTheNextFireBecauseItCannotMoveTheExpectedTime(
      Instant now, boolean matters) {
    HeartbeatClock cron =
        new HeartbeatClock(
            HeartbeatSpecs.cron("webhook-retry", "*/15 * * * *", "UTC", Duration.ofMinutes(5)));
    assertThat(cron.successMatters(Instant.parse("2026-03-02T10:01:00Z"), now)).isEqualTo(matters);
  }
}
