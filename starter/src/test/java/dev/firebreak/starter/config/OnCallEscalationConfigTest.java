package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What config check says about escalations that lean on on-call: {@code schedule:} targets in the
 * escalation block and in named policies.
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
        "schedule:          | must be scheme:address such as slack:U012AB3CD (known: slack, pagerduty, sms, email, schedule)",
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
}
