package dev.firebreak.workflows.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OnCallCalculatorTest {

  static final OnCallPerson ALICE = new OnCallPerson("Alice", "U0ALICE", "+447700900001", null);
  static final OnCallPerson BOB = new OnCallPerson("Bob", "U0BOB", null, "bob@example.com");
  static final OnCallPerson CAROL = new OnCallPerson("Carol", "U0CAROL", null, null);
  static final Set<DayOfWeek> WEEKDAYS =
      Set.of(
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY);

  static RotationLayer layer(
      String name,
      TurnLength turn,
      String start,
      String handoff,
      List<LayerRestriction> restrictions,
      OnCallPerson... people) {
    return new RotationLayer(
        name,
        List.of(people),
        turn,
        LocalDate.parse(start),
        LocalTime.parse(handoff),
        restrictions);
  }

  static ScheduleSpec schedule(String zone, RotationLayer... layers) {
    return new ScheduleSpec("primary", zone, List.of(layers), List.of("api"));
  }

  static Instant local(String zone, String dateTime) {
    return ZonedDateTime.of(LocalDateTime.parse(dateTime), ZoneId.of(zone)).toInstant();
  }

  static Stream<Arguments> rotations() {
    return Stream.of(
        // zone, turn, start, handoff, people, at (local), expected, expected end of that shift
        Arguments.of(
            "Europe/London",
            TurnLength.weekly(),
            "2026-03-23",
            "09:00",
            "2026-03-30T08:59",
            ALICE,
            "2026-03-30T09:00"),
        Arguments.of(
            "Europe/London",
            TurnLength.weekly(),
            "2026-03-23",
            "09:00",
            "2026-03-30T09:00",
            BOB,
            "2026-04-06T09:00"),
        Arguments.of(
            "Europe/London",
            TurnLength.weekly(),
            "2026-10-19",
            "09:00",
            "2026-10-26T08:59",
            ALICE,
            "2026-10-26T09:00"),
        Arguments.of(
            "Europe/London",
            TurnLength.weekly(),
            "2026-10-19",
            "09:00",
            "2026-10-25T01:30",
            ALICE,
            "2026-10-26T09:00"),
        // 02:30 does not exist on 8 March in New York: that handoff happens at 03:30 EDT.
        Arguments.of(
            "America/New_York",
            TurnLength.daily(),
            "2026-03-07",
            "02:30",
            "2026-03-08T03:15",
            ALICE,
            "2026-03-08T03:30"),
        Arguments.of(
            "America/New_York",
            TurnLength.daily(),
            "2026-03-07",
            "02:30",
            "2026-03-09T01:00",
            BOB,
            "2026-03-09T02:30"),
        // The autumn turn lasts 25 hours and still hands off at 09:00 local.
        Arguments.of(
            "America/New_York",
            TurnLength.daily(),
            "2026-10-31",
            "09:00",
            "2026-11-01T08:59",
            ALICE,
            "2026-11-01T09:00"),
        Arguments.of(
            "America/New_York",
            TurnLength.daily(),
            "2026-10-31",
            "09:00",
            "2026-11-01T09:00",
            BOB,
            "2026-11-02T09:00"),
        // A fixed 24h turn counts elapsed time, so its handoff moves with DST.
        Arguments.of(
            "Europe/London",
            TurnLength.of(Duration.ofHours(24)),
            "2026-03-28",
            "09:00",
            "2026-03-29T09:30",
            ALICE,
            "2026-03-29T10:00"),
        Arguments.of(
            "Europe/London",
            TurnLength.of(Duration.ofHours(24)),
            "2026-03-28",
            "09:00",
            "2026-03-29T10:00",
            BOB,
            "2026-03-30T10:00"),
        // Month ends: a three-day turn runs from 30 January over the short February.
        Arguments.of(
            "UTC",
            new TurnLength(3, null),
            "2026-01-30",
            "09:00",
            "2026-02-28T09:00",
            BOB,
            "2026-03-01T09:00"),
        Arguments.of(
            "UTC",
            new TurnLength(3, null),
            "2026-01-30",
            "09:00",
            "2026-03-31T23:59",
            ALICE,
            "2026-04-03T09:00"),
        Arguments.of(
            "Europe/London",
            TurnLength.of(Duration.ofHours(12)),
            "2026-01-31",
            "21:00",
            "2026-02-01T09:00",
            BOB,
            "2026-02-01T21:00"));
  }

  @ParameterizedTest(name = "{0} {1} from {2} {3}: at {4} it is {5} until {6}")
  @MethodSource("rotations")
  void aRotationHandsOffAtItsLocalHandoffTimeAcrossDstAndMonthEnds(
      String zone,
      TurnLength turn,
      String start,
      String handoff,
      String at,
      OnCallPerson expected,
      String shiftEnds) {
    ScheduleSpec spec =
        schedule(zone, layer("Primary", turn, start, handoff, List.of(), ALICE, BOB));

    OnCallAnswer answer = new OnCallCalculator(spec, List.of()).at(local(zone, at));

    assertThat(answer.person()).isEqualTo(expected);
    assertThat(answer.shiftEnds()).isEqualTo(local(zone, shiftEnds));
    assertThat(answer.source()).isEqualTo("layer Primary (" + turn.label() + ")");
  }

  @Test
  void nobodyIsOnCallBeforeTheLayerStarts() {
    ScheduleSpec spec =
        schedule(
            "UTC", layer("Primary", TurnLength.weekly(), "2026-03-02", "09:00", List.of(), ALICE));

    OnCallAnswer answer =
        new OnCallCalculator(spec, List.of()).at(local("UTC", "2026-03-02T08:00"));

    assertThat(answer.person()).isNull();
    assertThat(answer.source()).isEqualTo("nobody");
    assertThat(answer.shiftEnds()).isEqualTo(local("UTC", "2026-03-02T09:00"));
  }

  static Stream<Arguments> layered() {
    return Stream.of(
        Arguments.of("2026-03-04T10:00", BOB, "layer Daytime (weekly)"), // Wednesday
        Arguments.of("2026-03-04T08:59", CAROL, "layer Nights (weekly)"), // Tuesday night's spill
        Arguments.of("2026-03-04T17:00", ALICE, "layer Base (weekly)"),
        Arguments.of("2026-03-07T10:00", ALICE, "layer Base (weekly)"), // Saturday
        Arguments.of("2026-03-03T03:00", CAROL, "layer Nights (weekly)"), // Monday night's spill
        Arguments.of("2026-03-07T08:00", CAROL, "layer Nights (weekly)"), // Friday night's spill
        Arguments.of("2026-03-02T08:00", ALICE, "layer Base (weekly)")); // Sunday not listed
  }

  @ParameterizedTest(name = "at {0} it is {1} ({2})")
  @MethodSource("layered")
  void laterLayersOverrideEarlierOnesInsideTheirRestrictions(
      String at, OnCallPerson expected, String source) {
    ScheduleSpec spec =
        schedule(
            "Europe/London",
            layer("Base", TurnLength.weekly(), "2026-01-05", "09:00", List.of(), ALICE),
            layer(
                "Daytime",
                TurnLength.weekly(),
                "2026-01-05",
                "09:00",
                List.of(new LayerRestriction(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0))),
                BOB),
            layer(
                "Nights",
                TurnLength.weekly(),
                "2026-01-05",
                "09:00",
                List.of(new LayerRestriction(WEEKDAYS, LocalTime.of(18, 0), LocalTime.of(9, 0))),
                CAROL));

    OnCallAnswer answer = new OnCallCalculator(spec, List.of()).at(local("Europe/London", at));

    assertThat(answer.person()).isEqualTo(expected);
    assertThat(answer.source()).isEqualTo(source);
  }

  @Test
  void aRestrictedLayerAloneLeavesGapsOutsideItsHours() {
    ScheduleSpec spec =
        schedule(
            "Europe/London",
            layer(
                "Daytime",
                TurnLength.weekly(),
                "2026-01-05",
                "09:00",
                List.of(new LayerRestriction(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0))),
                BOB));

    List<OnCallShift> gaps =
        new OnCallCalculator(spec, List.of())
            .gaps(
                local("Europe/London", "2026-03-06T12:00"),
                local("Europe/London", "2026-03-10T12:00"));

    assertThat(gaps)
        .extracting(OnCallShift::from, OnCallShift::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                local("Europe/London", "2026-03-06T17:00"),
                local("Europe/London", "2026-03-09T09:00")),
            org.assertj.core.groups.Tuple.tuple(
                local("Europe/London", "2026-03-09T17:00"),
                local("Europe/London", "2026-03-10T09:00")));
  }

  static Stream<Arguments> overridden() {
    return Stream.of(
        Arguments.of("2026-03-04T09:59", ALICE, "layer Primary (weekly)"),
        Arguments.of("2026-03-04T10:00", CAROL, "override by U0CAROL"),
        Arguments.of("2026-03-04T12:30", BOB, "override by U0ADMIN"), // the newer override wins
        Arguments.of("2026-03-04T14:00", CAROL, "override by U0CAROL"),
        Arguments.of("2026-03-04T18:00", ALICE, "layer Primary (weekly)"));
  }

  @ParameterizedTest(name = "at {0} it is {1} ({2})")
  @MethodSource("overridden")
  void overridesWinOverLayersAndTheNewestOverrideWins(
      String at, OnCallPerson expected, String source) {
    OnCallCalculator calculator = overriddenSchedule();

    OnCallAnswer answer = calculator.at(local("UTC", at));

    assertThat(answer.person()).isEqualTo(expected);
    assertThat(answer.source()).isEqualTo(source);
  }

  @Test
  void shiftsBetweenTwoInstantsMergeConsecutiveStretchesOfOnePerson() {
    List<OnCallShift> shifts =
        overriddenSchedule()
            .shifts(local("UTC", "2026-03-04T00:00"), local("UTC", "2026-03-05T00:00"));

    assertThat(shifts)
        .extracting(OnCallShift::person, OnCallShift::from, OnCallShift::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ALICE, local("UTC", "2026-03-04T00:00"), local("UTC", "2026-03-04T10:00")),
            org.assertj.core.groups.Tuple.tuple(
                CAROL, local("UTC", "2026-03-04T10:00"), local("UTC", "2026-03-04T12:00")),
            org.assertj.core.groups.Tuple.tuple(
                BOB, local("UTC", "2026-03-04T12:00"), local("UTC", "2026-03-04T13:00")),
            org.assertj.core.groups.Tuple.tuple(
                CAROL, local("UTC", "2026-03-04T13:00"), local("UTC", "2026-03-04T17:00")),
            org.assertj.core.groups.Tuple.tuple(
                ALICE, local("UTC", "2026-03-04T17:00"), local("UTC", "2026-03-05T00:00")));
  }

  @Test
  void aSinglePersonScheduleIsOneShiftOverManyTurns() {
    ScheduleSpec spec =
        schedule(
            "UTC", layer("Primary", TurnLength.daily(), "2026-01-01", "09:00", List.of(), ALICE));

    assertThat(
            new OnCallCalculator(spec, List.of())
                .shifts(local("UTC", "2026-02-01T00:00"), local("UTC", "2026-03-01T00:00")))
        .hasSize(1);
  }

  private static OnCallCalculator overriddenSchedule() {
    ScheduleSpec spec =
        schedule(
            "UTC", layer("Primary", TurnLength.weekly(), "2026-03-02", "00:00", List.of(), ALICE));
    return new OnCallCalculator(
        spec,
        List.of(
            new ScheduleOverride(
                CAROL,
                local("UTC", "2026-03-04T10:00"),
                local("UTC", "2026-03-04T17:00"),
                "U0CAROL"),
            new ScheduleOverride(
                BOB,
                local("UTC", "2026-03-04T12:00"),
                local("UTC", "2026-03-04T13:00"),
                "U0ADMIN")));
  }
}
