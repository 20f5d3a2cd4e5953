package dev.firebreak.workflows.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class MaintenanceRecurrenceTest {

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void firstSundayOfTheMonthCrossesIntoTheNextMonthOnceThisMonthsHasPassed() {
    MaintenanceRecurrence rule =
        MaintenanceRecurrence.parse("first Sunday of the month 02:00 UTC", BERLIN);

    assertThat(rule.next(at("2026-11-23T10:00:00Z")))
        .isEqualTo(ZonedDateTime.of(2026, 12, 6, 2, 0, 0, 0, UTC));
    assertThat(rule.next(at("2026-12-06T02:00:00Z")))
        .isEqualTo(ZonedDateTime.of(2027, 1, 3, 2, 0, 0, 0, UTC));
    assertThat(rule.next(at("2026-11-30T23:59:00Z")))
        .isEqualTo(ZonedDateTime.of(2026, 12, 6, 2, 0, 0, 0, UTC));
  }

  @Test
  void firstSundayOfAMonthThatStartsOnSundayIsTheFirst() {
    MaintenanceRecurrence rule =
        MaintenanceRecurrence.parse("first Sunday of each month 02:00", UTC);

    assertThat(rule.next(at("2026-02-20T00:00:00Z")))
        .isEqualTo(ZonedDateTime.of(2026, 3, 1, 2, 0, 0, 0, UTC));
    assertThat(rule.next(at("2026-01-31T12:00:00Z")))
        .isEqualTo(ZonedDateTime.of(2026, 2, 1, 2, 0, 0, 0, UTC));
  }

  @Test
  void lastFridayFollowsMonthEndsIncludingLeapFebruary() {
    MaintenanceRecurrence rule = MaintenanceRecurrence.parse("last Friday of the month 22:30", UTC);

    assertThat(rule.next(at("2028-02-01T00:00:00Z")))
        .isEqualTo(ZonedDateTime.of(2028, 2, 25, 22, 30, 0, 0, UTC));
    assertThat(rule.next(at("2026-12-26T00:00:00Z")))
        .isEqualTo(ZonedDateTime.of(2027, 1, 29, 22, 30, 0, 0, UTC));
  }

  @Test
  void everySaturdayIsTheComingSaturdayOrTheNextWhenTodaysStartHasPassed() {
    MaintenanceRecurrence rule = MaintenanceRecurrence.parse("every Saturday 02:00 UTC", UTC);

    assertThat(rule.next(at("2026-11-23T10:00:00Z")))
        .isEqualTo(ZonedDateTime.of(2026, 11, 28, 2, 0, 0, 0, UTC));
    assertThat(rule.next(at("2026-11-28T01:59:00Z")))
        .isEqualTo(ZonedDateTime.of(2026, 11, 28, 2, 0, 0, 0, UTC));
    assertThat(rule.next(at("2026-11-28T02:00:00Z")))
        .isEqualTo(ZonedDateTime.of(2026, 12, 5, 2, 0, 0, 0, UTC));
    assertThat(rule.next(at("2026-12-31T12:00:00Z")))
        .isEqualTo(ZonedDateTime.of(2027, 1, 2, 2, 0, 0, 0, UTC));
  }

  @Test
  void wallClockTimeIsKeptAcrossDstInTheConfiguredZone() {
    MaintenanceRecurrence rule = MaintenanceRecurrence.parse("every Saturday 02:00", BERLIN);

    ZonedDateTime summer = rule.next(at("2026-10-20T00:00:00Z"));
    ZonedDateTime winter = rule.next(summer.toInstant());

    assertThat(summer.toInstant()).isEqualTo(at("2026-10-24T00:00:00Z"));
    assertThat(winter.toInstant()).isEqualTo(at("2026-10-31T01:00:00Z"));
    assertThat(winter.toLocalTime()).isEqualTo(summer.toLocalTime());
  }

  @Test
  void aStartInsideTheSpringForwardGapMovesLaterByTheGap() {
    MaintenanceRecurrence rule =
        MaintenanceRecurrence.parse("second Sunday of the month 02:30", NEW_YORK);

    ZonedDateTime start = rule.next(at("2027-03-01T00:00:00Z"));

    assertThat(start.toLocalDateTime()).isEqualTo(java.time.LocalDateTime.of(2027, 3, 14, 3, 30));
    assertThat(start.toInstant()).isEqualTo(at("2027-03-14T07:30:00Z"));
  }

  @Test
  void aStartThatHappensTwiceOnFallBackIsTheFirst() {
    MaintenanceRecurrence rule =
        MaintenanceRecurrence.parse("last Sunday of the month 02:30", BERLIN);

    assertThat(rule.next(at("2026-10-01T00:00:00Z")).toInstant())
        .isEqualTo(at("2026-10-25T00:30:00Z"));
  }

  @Test
  void unknownRulesDaysTimesAndZonesAreRefusedWithASentence() {
    assertThatThrownBy(() -> MaintenanceRecurrence.parse("whenever it is quiet", UTC))
        .hasMessageContaining("write it like 'every Saturday 02:00'");
    assertThatThrownBy(() -> MaintenanceRecurrence.parse("every Caturday 02:00", UTC))
        .hasMessageContaining("'caturday' is not a day of the week");
    assertThatThrownBy(() -> MaintenanceRecurrence.parse("every Saturday 25:00", UTC))
        .hasMessageContaining("not a time of day");
    assertThatThrownBy(() -> MaintenanceRecurrence.parse("every Saturday 02:00 Mars/Olympus", UTC))
        .hasMessageContaining("'Mars/Olympus' is not a time zone");
  }
}
