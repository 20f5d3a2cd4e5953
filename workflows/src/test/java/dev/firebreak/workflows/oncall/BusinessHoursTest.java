package dev.firebreak.workflows.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BusinessHoursTest {

  static Stream<Arguments> deferrals() {
    return Stream.of(
        // zone, at (local), holidays, next business-hours instant (local)
        Arguments.of("Europe/London", "2026-11-07T03:00", Set.of(), "2026-11-09T09:00"),
        Arguments.of(
            "Europe/London",
            "2026-12-26T03:00",
            Set.of(LocalDate.parse("2026-12-28")),
            "2026-12-29T09:00"),
        Arguments.of(
            "Europe/London",
            "2026-12-24T17:30",
            Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28")),
            "2026-12-29T09:00"),
        Arguments.of("Europe/London", "2026-11-04T10:15", Set.of(), "2026-11-04T10:15"),
        Arguments.of("Europe/London", "2026-11-04T08:00", Set.of(), "2026-11-04T09:00"),
        Arguments.of("Europe/London", "2026-11-04T17:00", Set.of(), "2026-11-05T09:00"),
        // Saturday before the spring change: Monday 09:00 is EDT, an hour closer in UTC.
        Arguments.of("America/New_York", "2026-03-07T03:00", Set.of(), "2026-03-09T09:00"),
        Arguments.of("America/New_York", "2026-10-31T03:00", Set.of(), "2026-11-02T09:00"));
  }

  @ParameterizedTest(name = "{0}: a page at {1} (holidays {2}) waits until {3}")
  @MethodSource("deferrals")
  void aPageOutsideBusinessHoursWaitsForTheNextBusinessDaySkippingHolidays(
      String zone, String at, Set<LocalDate> holidays, String expected) {
    BusinessHours hours =
        new BusinessHours(
            OnCallCalculatorTest.WEEKDAYS,
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            zone,
            new Holidays(holidays));

    assertThat(hours.nextBusinessInstant(OnCallCalculatorTest.local(zone, at)))
        .isEqualTo(OnCallCalculatorTest.local(zone, expected));
  }
}
