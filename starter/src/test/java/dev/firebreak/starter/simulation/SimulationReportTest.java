package dev.firebreak.starter.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.incident.EscalationLevel;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.TimelineEntry;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import dev.firebreak.workflows.oncall.OnCallPerson;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a {@code schedule:} target shows in the table, for every way an escalation can treat it: once
 * escalations ask the schedule who is on call (the on-call answer is recorded), the row names that
 * person and the channel the page took, or says nobody was reached; while they page the schedule's
 * name as it is, the row shows the raw target.
 */
class SimulationReportTest {

  private static final ZonedDateTime AT =
      ZonedDateTime.of(2026, 12, 25, 3, 0, 0, 0, ZoneId.of("Europe/London"));
  private static final Instant PAGED = AT.toInstant().plusMillis(113);

  private static final OnCallPerson ALICE =
      new OnCallPerson("Alice", "U0ALICE", "+447700900001", "alice@example.com");
  private static final OnCallPerson PHONE_ONLY =
      new OnCallPerson("Pat", null, "+447700900009", null);
  private static final OnCallPerson UNREACHABLE = new OnCallPerson("Bob", null, null, null);

  static Stream<Arguments> scheduleTargets() {
    return Stream.of(
        Arguments.of(
            "resolved to a Slack user",
            ALICE,
            true,
            List.of("slack:U0ALICE"),
            "Alice",
            "slack",
            true,
            null),
        Arguments.of(
            "resolved to a phone",
            PHONE_ONLY,
            true,
            List.of("sms:+447700900009"),
            "Pat",
            "sms",
            true,
            null),
        Arguments.of("nobody on call", null, true, List.of(), null, null, false, "nobody on call"),
        Arguments.of(
            "on call with no address",
            UNREACHABLE,
            true,
            List.of(),
            "Bob",
            null,
            false,
            "Bob has no address to page"),
        Arguments.of(
            "not resolved: the schedule's name is paged",
            null,
            false,
            List.of("schedule:primary"),
            null,
            "schedule",
            true,
            "paged as the schedule's name; nobody asked who is on call"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scheduleTargets")
  void aScheduleTargetShowsWhoItReachedAndHow(
      String name,
      OnCallPerson onCall,
      boolean asked,
      List<String> pagedTargets,
      String person,
      String channel,
      boolean reached,
      String note) {
    RecordedPages pages = new RecordedPages();
    RecordedOnCall oncall =
        new RecordedOnCall((schedule, at) -> new OnCallAnswer(schedule, at, onCall, "layer", null));
    if (asked) {
      oncall.whoIsOnCall("primary", PAGED);
    }
    if (!pagedTargets.isEmpty()) {
      pages.page(
          new PageRequest(
              "SIM-1/page-r1-l1",
              "SIM-1",
              "P1",
              "Simulated",
              "primary",
              pagedTargets,
              "new P1 incident",
              "#incidents",
              null));
    }
    List<TimelineEntry> timeline =
        List.of(
            new TimelineEntry(
                PAGED,
                "paged",
                null,
                "Paging level 1 (primary), round 1: new P1 incident → schedule:primary"));

    Simulation simulation =
        new SimulationReport(
                new SimulationRequest(Severity.P1, "recoup-backend", AT, null),
                List.of(new EscalationLevel("primary", List.of("schedule:primary"))),
                1,
                pages,
                oncall,
                PagingSimulator.HORIZON)
            .of(timeline);

    assertThat(simulation.pages())
        .containsExactly(
            new SimulatedPage(
                AT.toInstant(),
                "Fri 25 Dec 03:00",
                1,
                "primary",
                1,
                "schedule:primary",
                person,
                channel,
                reached,
                note));
    assertThat(simulation.unreachable()).isEqualTo(reached ? 0 : 1);
    assertThat(SimulationTable.render(simulation))
        .contains(reached ? "schedule:primary" : "UNREACHABLE: " + note);
  }
}
