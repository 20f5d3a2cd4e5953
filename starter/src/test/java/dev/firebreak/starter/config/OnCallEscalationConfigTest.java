package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.oncall.BusinessHours;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What config check says about escalations that lean on on-call: {@code schedule:} targets in the
 * escalation block and in named policies, and business-hours-only severities; and what the incident
 * policy carries for the latter.
 */
class OnCallEscalationConfigTest {

  /** Wednesday 4 March 2026, 12:00 UTC: when the check "runs". */
  private static final Clock CHECK_TIME =
      Clock.fixed(Instant.parse("2026-03-04T12:00:00Z"), ZoneOffset.UTC);

  private static final String SCHEDULES =
      """
      oncall:
        schedules:
          - name: primary
            layers:
              - name: Primary
                turn: weekly
                start: 2026-01-05
                participants:
                  - { name: Alice, slackUserId: U0ALICE, phone: "+447700900001" }
          - name: secondary
            layers:
              - name: Secondary
                turn: weekly
                start: 2026-01-05
                participants:
                  - { name: Bob, slackUserId: U0BOB, phone: "+447700900002" }
      """;

  private static ConfigCheck check(String yaml) {
    return ConfigLoader.forCheck(name -> null, CHECK_TIME).check(yaml);
  }

  private static List<String> problems(ConfigCheck check) {
    return check.problems().stream().map(ConfigProblem::toString).toList();
  }

  /** A config with {@code target} as the first target of the escalation block and of a policy. */
  private static String withTarget(String target, boolean schedules) {
    return """
        organisation: Acme
        escalation:
          levels:
            - { name: primary, targets: ["%1$s"] }
        escalationPolicies:
          critical:
            levels:
              - { name: primary, targets: ["%1$s"] }
        services:
          - name: api
        """
            .formatted(target)
        + (schedules ? SCHEDULES : "");
  }

  @ParameterizedTest(name = "{0} with schedules configured: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "schedule:primary   | ''",
        "schedule:secondary | ''",
        "schedule:nightly   | unknown schedule 'nightly' (known: primary, secondary)",
        "schedule:Primary   | unknown schedule 'Primary' (known: primary, secondary)",
        "schedule:          | must be scheme:address such as slack:U012AB3CD (known: slack, pagerduty, sms, call, email, schedule)",
      })
  void aScheduleTargetMustNameAConfiguredScheduleAndIsReportedAtItsField(
      String target, String problem) {
    ConfigCheck check = check(withTarget(target, true));

    assertThat(problems(check))
        .containsExactlyElementsOf(
            problem.isEmpty()
                ? List.of()
                : List.of(
                    "escalation.levels[0].targets[0]: " + problem,
                    "escalationPolicies.critical.levels[0].targets[0]: " + problem));
  }

  @ParameterizedTest(name = "{0} without schedules")
  @CsvSource({"schedule:primary", "schedule:secondary"})
  void aScheduleTargetWithoutAnyScheduleConfiguredIsRefused(String target) {
    String name = target.substring("schedule:".length());

    assertThat(problems(check(withTarget(target, false))))
        .containsExactly(
            "escalation.levels[0].targets[0]: unknown schedule '"
                + name
                + "': oncall.schedules defines none",
            "escalationPolicies.critical.levels[0].targets[0]: unknown schedule '"
                + name
                + "': oncall.schedules defines none");
  }

  /** A config whose P3 is written as {@code p3}, with {@code oncall} appended. */
  private static String withP3(String p3, String oncall) {
    return """
        organisation: Acme
        severities:
          P3: %s
        escalation:
          levels:
            - { name: primary, targets: ["slack:U1"] }
        services:
          - name: api
        """
            .formatted(p3)
        + oncall;
  }

  private static final Clock DECLARED_ON_1_DECEMBER_2026 =
      Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  private static final String BUSINESS_HOURS =
      """
      oncall:
        holidays: { dates: [2026-12-25, 2026-12-28] }
        businessHours: { from: "09:00", to: "17:00", timeZone: Europe/London }
      """;

  @ParameterizedTest(name = "P3 {0} {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{ businessHoursOnly: true, page: true }  | with business hours    | ''",
        "{ businessHoursOnly: false }             | with business hours    | ''",
        "{ businessHoursOnly: false }             | without business hours | ''",
        "{ businessHoursOnly: true, page: true }  | without business hours | needs oncall.businessHours (the hours its pages wait for)",
        "{ businessHoursOnly: true }              | with business hours    | P3 does not page, so there is no page to defer: set page: true as well",
        "{ businessHoursOnly: true, page: false } | with business hours    | P3 does not page, so there is no page to defer: set page: true as well",
      })
  void aBusinessHoursOnlySeverityNeedsBusinessHoursAndAPageToDefer(
      String p3, String oncall, String problem) {
    ConfigCheck check = check(withP3(p3, oncall.startsWith("with ") ? BUSINESS_HOURS : ""));

    assertThat(problems(check))
        .containsExactlyElementsOf(
            problem.isEmpty() ? List.of() : List.of("severities.P3.businessHoursOnly: " + problem));
  }

  @ParameterizedTest(name = "{0} pages only in business hours: {1}")
  @CsvSource({"P0, false", "P1, false", "P3, true"})
  void theIncidentPolicyCarriesTheBusinessHoursAndHolidaysOfABusinessHoursOnlySeverityOnly(
      Severity severity, boolean waits) {
    ConfigCheck check = check(withP3("{ businessHoursOnly: true, page: true }", BUSINESS_HOURS));

    BusinessHours hours =
        new IncidentPolicyFactory(check.config(), false, DECLARED_ON_1_DECEMBER_2026)
            .forService("api", severity)
            .forSeverity(severity)
            .businessHours();

    if (!waits) {
      assertThat(hours).isNull();
      return;
    }
    assertThat(hours.timeZone()).isEqualTo("Europe/London");
    assertThat(hours.from()).isEqualTo(LocalTime.of(9, 0));
    assertThat(hours.days()).hasSize(5).doesNotContain(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    // 2031 is past the two years a deferral can look ahead: the payload does not carry it.
    assertThat(hours.holidays().dates())
        .containsExactlyInAnyOrder(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28));
    assertThat(hours.nextBusinessInstant(Instant.parse("2026-12-25T10:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-29T09:00:00Z"));
  }
}
