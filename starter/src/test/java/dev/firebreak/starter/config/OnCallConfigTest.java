package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.oncall.BusinessHours;
import dev.firebreak.workflows.oncall.OnCallCalculator;
import dev.firebreak.workflows.oncall.ScheduleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnCallConfigTest {

  private static final String SERVICES = ConfigLoaderTest.MINIMAL;

  /** Wednesday 4 March 2026, 12:00 UTC: when the check "runs". */
  private static final Clock CHECK_TIME =
      Clock.fixed(Instant.parse("2026-03-04T12:00:00Z"), ZoneOffset.UTC);

  private static final String WEEKLY =
      """
      oncall:
        schedules:
          - name: primary
            timeZone: Europe/London
            services: [api]
            layers:
              - name: Primary
                turn: weekly
                start: 2026-01-05
                handoff: "09:00"
                participants:
                  - { name: Alice, slackUserId: U0ALICE, phone: "+447700900001" }
                  - { name: Bob, slackUserId: U0BOB, phone: "+447700900002" }
      """;

  private static ConfigCheck check(String oncall) {
    return ConfigLoader.forCheck(name -> null, CHECK_TIME).check(SERVICES + oncall);
  }

  private static List<String> texts(List<ConfigProblem> problems) {
    return problems.stream().map(ConfigProblem::toString).toList();
  }

  /** The minimal config's own warnings (its escalation target) are not this test's business. */
  private static List<String> oncallWarnings(ConfigCheck check) {
    return texts(check.warnings()).stream().filter(w -> w.startsWith("oncall.")).toList();
  }

  @Test
  void everyMistakeInTheOnCallSectionIsReportedAtItsField() {
    assertThat(
            texts(
                check(
                        """
        oncall:
          schedules:
            - name: Primary Team
              timeZone: Mars/Olympus
              services: [nope]
              layers:
                - name: ""
                  turn: 10m
                  start: 5 Jan
                  handoff: "25:00"
                  participants:
                    - { name: Alice, phone: "07700 900001" }
                  restrictions:
                    - { days: [mon, someday], from: "09:00", to: "5pm" }
            - { name: empty, layers: [] }
            - name: empty
              layers:
                - { name: Nobody, turn: fortnightly, participants: [] }
          holidays:
            dates: [2026-12-25, Christmas]
          businessHours: { days: [mon], from: "17:00", to: "09:00", timeZone: Nowhere }
        """)
                    .problems()))
        .containsExactlyInAnyOrder(
            "oncall.schedules[0].name: must be lower-case letters, digits and dashes, like primary",
            "oncall.schedules[0].timeZone: unknown time zone 'Mars/Olympus' (use an IANA name such as UTC or Europe/London)",
            "oncall.schedules[0].services[0]: no service named 'nope' in services",
            "oncall.schedules[0].layers[0].name: is required",
            "oncall.schedules[0].layers[0].turn: must be daily, weekly or a duration of at least 1h, not '10m'",
            "oncall.schedules[0].layers[0].start: must be a date like 2026-01-05, not '5 Jan'",
            "oncall.schedules[0].layers[0].handoff: must be a local time like 09:00, not '25:00'",
            "oncall.schedules[0].layers[0].participants[0].phone: must be E.164 like +447700900123, not '07700 900001'",
            "oncall.schedules[0].layers[0].restrictions[0].days[1]: unknown day 'someday' (mon, tue, wed, thu, fri, sat, sun)",
            "oncall.schedules[0].layers[0].restrictions[0].to: must be a local time like 09:00, not '5pm'",
            "oncall.schedules[1].layers: must list at least one rotation layer",
            "oncall.schedules[2].name: duplicate schedule name 'empty' (also oncall.schedules[1])",
            "oncall.schedules[2].layers[0].turn: must be daily, weekly or a duration of at least 1h, not 'fortnightly'",
            "oncall.schedules[2].layers[0].start: is required: the date of the first turn, like 2026-01-05",
            "oncall.schedules[2].layers[0].participants: must list at least one person",
            "oncall.holidays.dates[1]: must be a date like 2026-12-25, not 'Christmas'",
            "oncall.businessHours.to: must be after from (17:00)",
            "oncall.businessHours.timeZone: unknown time zone 'Nowhere' (use an IANA name such as UTC or Europe/London)");
  }

  @Test
  void aFullyCoveredScheduleOfReachablePeopleChecksWithoutWarnings() {
    ConfigCheck check = check(WEEKLY);

    assertThat(check.problems()).isEmpty();
    assertThat(oncallWarnings(check)).isEmpty();
    ScheduleSpec spec = OnCallSpecs.schedules(check.config().oncall()).get(0);
    assertThat(
            new OnCallCalculator(spec, List.of())
                .at(Instant.parse("2026-03-04T12:00:00Z"))
                .person()
                .name())
        .isEqualTo("Alice");
  }

  @Test
  void configCheckWarnsOfCoverageGapsInTheNextFourteenDaysAndOfUnreachablePeople() {
    ConfigCheck check =
        check(
            """
            oncall:
              schedules:
                - name: daytime
                  timeZone: Europe/London
                  layers:
                    - name: Office
                      turn: weekly
                      start: 2026-01-05
                      handoff: "09:00"
                      participants:
                        - { name: Carol }
                      restrictions:
                        - { days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00" }
            """);

    assertThat(check.problems()).isEmpty();
    assertThat(oncallWarnings(check))
        .containsExactly(
            "oncall.schedules[0]: nobody is on call for 10 stretch(es) in the next 14 days, the first from Wed 4 Mar 17:00 for 16h (Europe/London): a page then reaches nobody on this schedule",
            "oncall.schedules[0].layers[0].participants[0].slackUserId: Carol has no Slack user id: Slack pages and handoff notices miss them",
            "oncall.schedules[0].layers[0].participants[0].phone: Carol has no phone: sms: and call: pages miss them");
  }

  @Test
  void holidaysComeFromDatesAndTheAllDayEventsOfAnICalendarFileWithYearlyRules(@TempDir Path dir)
      throws IOException {
    Path ics = dir.resolve("holidays.ics");
    Files.writeString(
        ics,
        String.join(
            "\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Acme//Holidays//EN",
            "BEGIN:VEVENT",
            "UID:christmas@acme.test",
            "DTSTAMP:20260101T000000Z",
            "DTSTART;VALUE=DATE:20261225",
            "RRULE:FREQ=YEARLY",
            "SUMMARY:Christmas Day",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:boxing@acme.test",
            "DTSTAMP:20260101T000000Z",
            "DTSTART;VALUE=DATE:20261228",
            "SUMMARY:Boxing Day (substitute)",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:standup@acme.test",
            "DTSTAMP:20260101T000000Z",
            "DTSTART:20261229T090000Z",
            "SUMMARY:Not a holiday",
            "END:VEVENT",
            "END:VCALENDAR",
            ""));
    ConfigCheck check =
        check(
            WEEKLY
                + "  holidays: { dates: [2027-01-01], ical: \""
                + ics.toString().replace("\\", "/")
                + "\" }\n"
                + "  businessHours: { timeZone: Europe/London }\n");

    assertThat(check.problems()).isEmpty();
    BusinessHours hours = OnCallSpecs.businessHours(check.config().oncall()).orElseThrow();
    assertThat(hours.holidays().dates())
        .contains(
            LocalDate.parse("2026-12-25"),
            LocalDate.parse("2027-12-25"),
            LocalDate.parse("2026-12-28"),
            LocalDate.parse("2027-01-01"))
        .doesNotContain(LocalDate.parse("2026-12-29"));
    // A P3 at 03:00 on Saturday 26 December waits past the substitute holiday on Monday.
    assertThat(hours.nextBusinessInstant(Instant.parse("2026-12-26T03:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-29T09:00:00Z"));
  }

  @Test
  void anUnreadableICalendarFileIsReportedAtItsField(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("broken.ics");
    Files.writeString(broken, "this is not a calendar");

    assertThat(
            check(
                    WEEKLY
                        + "  holidays: { ical: \""
                        + broken.toString().replace("\\", "/")
                        + "\" }\n")
                .problems())
        .extracting(ConfigProblem::path)
        .containsExactly("oncall.holidays.ical");
  }
}
