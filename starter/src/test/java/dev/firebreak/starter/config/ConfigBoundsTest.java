package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Durations and counts in the config have floors and ceilings: a value outside them is reported at
 * its field, with the bound, before it can turn into a busy loop or a timer that overflows.
 */
class ConfigBoundsTest {

  /**
   * A valid config with one line added: {@code section:field: value} puts {@code field: value} in
   * that section (escalation, rollback, incident, severity, maintenance, window).
   */
  private static String config(String extra) {
    String section = extra.contains(":") ? extra.substring(0, extra.indexOf(':')) : "";
    String line = extra.substring(section.isEmpty() ? 0 : section.length() + 1);
    return """
        organisation: Acme
        escalation:
          %s
          levels:
            - { name: primary, targets: ["slack:U1"] }
        services:
          - name: api
            platform: render
            platformId: srv-1
            rollback:
              %s
        incident:
          %s
        severities:
          P1:
            page: true
            %s
        maintenance:
          %s
          windows:
            - name: monthly
              services: [api]
              recurrence: "first Sunday of the month 02:00 UTC"
              %s
        """
        .formatted(
            in("escalation", section, line),
            in("rollback", section, line),
            in("incident", section, line),
            in("severity", section, line),
            in("maintenance", section, line),
            section.equals("window") && line.startsWith("duration")
                ? line
                : "duration: 2h\n      " + in("window", section, line));
  }

  private static String in(String wanted, String section, String line) {
    return wanted.equals(section) ? line : "";
  }

  static Stream<Arguments> valuesOutOfBounds() {
    return Stream.of(
        Arguments.of("severity:ackTimeout: 1s", "severities.P1.ackTimeout", "at least 10s"),
        Arguments.of("severity:ackTimeout: 30d", "severities.P1.ackTimeout", "at most 7d"),
        Arguments.of("severity:updateInterval: 5s", "severities.P1.updateInterval", "at least 10s"),
        Arguments.of("severity:postMortemDue: 1000d", "severities.P1.postMortemDue", "at most 90d"),
        Arguments.of(
            "incident:monitoringCheckInterval: PT0.1S",
            "incident.monitoringCheckInterval",
            "at least 1s"),
        Arguments.of(
            "incident:monitoringPeriod: 999999999999999999999d",
            "incident.monitoringPeriod",
            "must be a duration"),
        Arguments.of(
            "incident:postMortemReminderInterval: 1s",
            "incident.postMortemReminderInterval",
            "at least 10s"),
        Arguments.of(
            "incident:recentDeployWindow: 400d", "incident.recentDeployWindow", "at most 366d"),
        Arguments.of(
            "incident:historyEventLimit: 1000000",
            "incident.historyEventLimit",
            "between 100 and 10000"),
        Arguments.of("escalation:rounds: 1000", "escalation.rounds", "between 1 and 10"),
        Arguments.of("escalation:rounds: 0", "escalation.rounds", "between 1 and 10"),
        Arguments.of(
            "rollback:pollInterval: PT0.001S",
            "services[0].rollback.pollInterval",
            "at least PT0.05S"),
        Arguments.of(
            "rollback:approvalTimeout: 9999d",
            "services[0].rollback.approvalTimeout",
            "at most 366d"),
        Arguments.of("maintenance:horizon: 100000d", "maintenance.horizon", "at most 3650d"),
        Arguments.of("maintenance:maxDuration: 365d", "maintenance.maxDuration", "at most 90d"),
        Arguments.of("maintenance:maxDuration: 1s", "maintenance.maxDuration", "at least 1m"),
        Arguments.of(
            "window:duration: 8d",
            "maintenance.windows[0].duration",
            "at most maintenance.maxDuration (7d)"),
        Arguments.of(
            "window:monitoringInterval: PT0.01S",
            "maintenance.windows[0].monitoringInterval",
            "at least 1s"));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("valuesOutOfBounds")
  void aValueOutOfBoundsIsReportedAtItsFieldWithTheBound(
      String extra, String path, String message) {
    String yaml = config(extra);
    ConfigCheck check = new ConfigLoader().check(yaml);

    assertThat(check.problems())
        .as(yaml)
        .anySatisfy(
            problem -> {
              assertThat(problem.path()).isEqualTo(path);
              assertThat(problem.message()).contains(message);
            });
  }

  @Test
  void theDefaultsAndBoundsThemselvesAreAccepted() {
    ConfigCheck defaults = new ConfigLoader().check(config(""));
    ConfigCheck edges =
        new ConfigLoader().check(config("maintenance:horizon: 3650d\n  maxDuration: 90d"));

    assertThat(defaults.problems()).isEmpty();
    assertThat(defaults.config().maintenance().horizonLimit()).isEqualTo(Duration.ofDays(365));
    assertThat(defaults.config().maintenance().durationLimit()).isEqualTo(Duration.ofDays(7));
    assertThat(edges.problems()).isEmpty();
    assertThat(edges.config().maintenance().horizonLimit()).isEqualTo(Duration.ofDays(3650));
  }
}
