package dev.firebreak.starter.simulation;

import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.incident.EscalationLevel;
import dev.firebreak.workflows.incident.TimelineEntry;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import dev.firebreak.workflows.oncall.OnCallPerson;
import dev.firebreak.workflows.oncall.ScheduleTargets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a simulated incident's timeline into its paging table. The timeline's {@code paged} entries
 * say when each level was paged and in which round; the chain says the level's targets; the
 * recorded on-call answers say who a {@code schedule:} target was, and the recorded pages where the
 * pager was asked to go.
 */
final class SimulationReport {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  /** How Pager#escalationText starts every {@code paged} entry. */
  private static final Pattern PAGED =
      Pattern.compile("^Paging level (\\d+) \\((.*)\\), round (\\d+): ");

  private final SimulationRequest request;
  private final List<EscalationLevel> levels;
  private final int rounds;
  private final RecordedPages pages;
  private final RecordedOnCall oncall;
  private final ZoneId zone;

  /** How long after the declaration the simulation ran at most. */
  private final Duration horizon;

  /**
   * @param levels and {@code rounds}: the escalation chain the incident was declared with
   */
  SimulationReport(
      SimulationRequest request,
      List<EscalationLevel> levels,
      int rounds,
      RecordedPages pages,
      RecordedOnCall oncall,
      Duration horizon) {
    this.request = request;
    this.horizon = horizon;
    this.levels = levels;
    this.rounds = rounds;
    this.pages = pages;
    this.oncall = oncall;
    this.zone = request.at().getZone();
  }

  /** Whether nothing more will be paged: the chain was walked to its end or never started. */
  static boolean escalationOver(List<TimelineEntry> timeline) {
    return timeline.stream()
        .anyMatch(e -> e.kind().equals("escalation-exhausted") || e.kind().equals("not-paged"));
  }

  Simulation of(List<TimelineEntry> timeline) {
    List<SimulatedPage> rows = new ArrayList<>();
    for (TimelineEntry entry : timeline) {
      Matcher paged = PAGED.matcher(entry.text());
      if (entry.kind().equals("paged") && paged.find()) {
        int level = Integer.parseInt(paged.group(1));
        int round = Integer.parseInt(paged.group(3));
        // The test server's clock runs on by the milliseconds each step takes for real.
        rows.addAll(level(entry.at().truncatedTo(ChronoUnit.SECONDS), level, round));
      }
    }
    return new Simulation(
        request.severity().name(),
        request.service(),
        request.at().toInstant(),
        local(request.at().toInstant()),
        zone.getId(),
        request.ackAfter() == null ? null : HumanDuration.of(request.ackAfter()),
        List.copyOf(rows),
        outcome(timeline),
        (int) rows.stream().filter(row -> !row.reached()).count());
  }

  private List<SimulatedPage> level(Instant at, int level, int round) {
    EscalationLevel configured = levels.get(level - 1);
    Optional<PageRequest> page = pages.escalationPage(round, level);
    List<SimulatedPage> rows = new ArrayList<>();
    for (String target : configured.targets()) {
      Row row =
          target.startsWith(ScheduleTargets.PREFIX)
              ? schedule(at, target, page)
              : direct(target, page);
      rows.add(
          new SimulatedPage(
              at,
              local(at),
              level,
              configured.name(),
              round,
              target,
              row.person,
              row.channel,
              row.reached,
              row.note));
    }
    return rows;
  }

  private record Row(String person, String channel, boolean reached, String note) {}

  private static Row direct(String target, Optional<PageRequest> page) {
    boolean sent = page.map(p -> p.targets().contains(target)).orElse(false);
    return new Row(null, scheme(target), sent, sent ? null : "the pager was not asked to page it");
  }

  /**
   * A schedule's row: who it had on call and the address the page went to; while escalations page
   * the schedule's name as it is (nobody asked who is on call), the raw target.
   */
  private Row schedule(Instant at, String target, Optional<PageRequest> page) {
    Optional<OnCallAnswer> asked =
        oncall.take(target.substring(ScheduleTargets.PREFIX.length()), at);
    if (asked.isEmpty()) {
      boolean sent = page.map(p -> p.targets().contains(target)).orElse(false);
      return new Row(
          null,
          sent ? "schedule" : null,
          sent,
          sent
              ? "paged as the schedule's name; nobody asked who is on call"
              : "the pager was not asked to page it");
    }
    OnCallPerson person = asked.get().person();
    if (person == null) {
      return new Row(null, null, false, "nobody on call");
    }
    String address = person.pageAddress();
    if (address == null) {
      return new Row(person.name(), null, false, person.name() + " has no address to page");
    }
    boolean sent = page.map(p -> p.targets().contains(address)).orElse(false);
    return sent
        ? new Row(person.name(), scheme(address), true, null)
        : new Row(person.name(), null, false, "the pager was not asked to page it");
  }

  private static String scheme(String target) {
    int colon = target.indexOf(':');
    return colon < 0 ? target : target.substring(0, colon);
  }

  private String outcome(List<TimelineEntry> timeline) {
    String deferred =
        timeline.stream()
            .filter(entry -> entry.kind().equals("paging-deferred"))
            .map(entry -> entry.text() + ". ")
            .findFirst()
            .orElse("");
    return deferred + ending(timeline);
  }

  private String ending(List<TimelineEntry> timeline) {
    for (TimelineEntry entry : timeline) {
      switch (entry.kind()) {
        case "not-paged" -> {
          return request.severity() + " pages nobody: the channel is told and nobody is woken.";
        }
        case "escalation-exhausted" -> {
          return "Nobody acknowledged: after "
              + rounds
              + " round(s) of the chain the escalation stopped at "
              + local(entry.at())
              + ".";
        }
        case "acknowledged" -> {
          return "Acknowledged "
              + HumanDuration.of(request.ackAfter())
              + " after the declaration, at "
              + local(request.at().toInstant().plus(request.ackAfter()))
              + ": paging stopped.";
        }
        default -> {}
      }
    }
    return "Still unacknowledged when the simulation ended, "
        + HumanDuration.of(horizon)
        + " after the declaration.";
  }

  private String local(Instant at) {
    return LOCAL.format(at.atZone(zone));
  }
}
