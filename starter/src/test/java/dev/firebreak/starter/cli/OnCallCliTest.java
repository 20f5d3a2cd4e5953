package dev.firebreak.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.starter.api.RunningOnCallApi;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OnCallCliTest {

  @RegisterExtension
  final RunningOnCallApi api = new RunningOnCallApi(RunningOnCallApi.ROTA_CONFIG);

  private CliRun oncall(String token, String... args) {
    return CliRun.of(new OnCallCommand(), api.baseUrl(), token, args);
  }

  @Test
  void nowListsWhoEachScheduleHasOnCall() {
    CliRun now = oncall("viewer-token", "now");

    assertThat(now.exit()).as(now.err()).isZero();
    assertThat(now.out()).contains("primary  Alice (U0ALICE)  layer Primary (daily)\n");
    assertThat(now.out()).contains("office  ");
  }

  @Test
  void shiftsPrintsEachShiftAndEachGap() {
    CliRun shifts =
        oncall(
            "viewer-token",
            "shifts",
            "office",
            "--from",
            "2026-03-06T12:00:00Z",
            "--to",
            "2026-03-09T12:00:00Z");

    assertThat(shifts.exit()).as(shifts.err()).isZero();
    assertThat(shifts.out())
        .contains("2026-03-06T12:00:00Z → 2026-03-06T17:00:00Z  Bob (U0BOB)  layer Office (weekly)")
        .contains("2026-03-06T17:00:00Z → 2026-03-09T09:00:00Z  nobody  nobody");
  }

  @Test
  void overridePutsSomeoneOnCallAndSaysSo() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    CliRun override =
        oncall(
            "responder-token",
            "override",
            "primary",
            "--slack",
            "U0CAROL",
            "--name",
            "Carol",
            "--from",
            now.toString(),
            "--to",
            now.plus(Duration.ofHours(1)).toString());

    assertThat(override.exit()).as(override.err()).isZero();
    assertThat(override.out())
        .contains("Carol (U0CAROL) is on call for primary from ")
        .contains("(by alice)");
    assertThat(oncall("viewer-token", "now").out())
        .contains("primary  Carol (U0CAROL)  override by alice");
  }

  @Test
  void aRefusedOverrideExitsWithTheApisMessage() {
    CliRun refused =
        oncall(
            "responder-token",
            "override",
            "primary",
            "--slack",
            "U0CAROL",
            "--from",
            "2026-03-09T10:00:00Z",
            "--to",
            "2026-03-09T09:00:00Z");
    CliRun unknown = oncall("viewer-token", "shifts", "nope");

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("From must be before to.");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("No on-call schedule named 'nope'.");
  }

  @Test
  void swapExchangesTwoPeoplesShiftsAndPrintsWhoNowCoversWhat() {
    // Two future shifts, so the test does not depend on the time of day it runs at.
    Instant day1 = RunningOnCallApi.rotaNoon(1);
    Instant day2 = RunningOnCallApi.rotaNoon(2);
    Instant midnight = day2.truncatedTo(ChronoUnit.DAYS);
    String day1Person = RunningOnCallApi.rotaPersonAt(day1);

    CliRun swap =
        oncall(
            "responder-token",
            "swap",
            "rota",
            "--a",
            "@" + RunningOnCallApi.rotaSlackIdAt(day1),
            "--a-at",
            day1.toString(),
            "--b",
            RunningOnCallApi.rotaPersonAt(day2),
            "--b-at",
            day2.toString());

    assertThat(swap.exit()).as(swap.err()).isZero();
    assertThat(swap.out())
        .contains(
            RunningOnCallApi.rotaPersonAt(day2)
                + " ("
                + RunningOnCallApi.rotaSlackIdAt(day2)
                + ") is on call for rota from ")
        .contains(
            day1Person
                + " ("
                + RunningOnCallApi.rotaSlackIdAt(day1)
                + ") is on call for rota from "
                + midnight
                + " to "
                + midnight.plus(Duration.ofDays(1))
                + " (swap by alice)");
  }

  @Test
  void aRefusedSwapExitsWithTheApisMessage() {
    Instant day1 = RunningOnCallApi.rotaNoon(1);
    Instant day2 = RunningOnCallApi.rotaNoon(2);

    CliRun refused =
        oncall(
            "responder-token",
            "swap",
            "rota",
            "--a",
            "@" + RunningOnCallApi.rotaSlackIdAt(day2),
            "--a-at",
            day1.toString(),
            "--b",
            "@" + RunningOnCallApi.rotaSlackIdAt(day1),
            "--b-at",
            day2.toString());

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("is not on call at");
    assertThat(oncall("viewer-token", "now").out())
        .contains("rota  " + RunningOnCallApi.rotaPersonAt(Instant.now()));
  }
}
