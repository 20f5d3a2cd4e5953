package dev.firebreak.starter.oncall;

import dev.firebreak.starter.service.Refusal;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import dev.firebreak.workflows.oncall.OnCallCalculator;
import dev.firebreak.workflows.oncall.OnCallPerson;
import dev.firebreak.workflows.oncall.OnCallShift;
import dev.firebreak.workflows.oncall.OverrideRules;
import dev.firebreak.workflows.oncall.RotationLayer;
import dev.firebreak.workflows.oncall.ScheduleOverride;
import dev.firebreak.workflows.oncall.ScheduleSpec;
import dev.firebreak.workflows.oncall.ShiftSwap;
import dev.firebreak.workflows.oncall.ShiftSwaps;
import dev.firebreak.workflows.oncall.SwappedShifts;
import io.temporal.client.WorkflowUpdateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the API and Slack ask of the schedules: who is on call now, the shifts in a span, and a new
 * override. Refusals are sentences for the person asking.
 */
public final class OnCallGateway {

  /** The longest span of shifts one request renders, as PagerDuty's on-call listing allows. */
  public static final Duration MAX_SHIFTS_SPAN = Duration.ofDays(90);

  private final OnCallSchedules schedules;
  private final RecentOverrides recentOverrides;
  private final Clock clock;

  public OnCallGateway(OnCallSchedules schedules, Clock clock) {
    this.schedules = schedules;
    this.recentOverrides = new RecentOverrides(schedules, clock);
    this.clock = clock;
  }

  /** The configured schedules' names, in config order. */
  public List<String> names() {
    return schedules.specs().stream().map(ScheduleSpec::name).toList();
  }

  /**
   * Who each schedule has on call now, in config order, from overrides at most {@link
   * RecentOverrides#MAX_AGE} old.
   */
  public List<OnCallAnswer> now() {
    Instant now = clock.instant();
    List<ScheduleSpec> specs = schedules.specs();
    List<List<ScheduleOverride>> overrides =
        recentOverrides.of(specs.stream().map(ScheduleSpec::name).toList());
    List<OnCallAnswer> answers = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      answers.add(new OnCallCalculator(specs.get(i), overrides.get(i)).at(now));
    }
    return answers;
  }

  public List<OnCallShift> shifts(String schedule, Instant from, Instant to) {
    ScheduleSpec spec = spec(schedule);
    if (!from.isBefore(to)) {
      throw Refusal.badRequest("'from' must be before 'to'.");
    }
    if (Duration.between(from, to).compareTo(MAX_SHIFTS_SPAN) > 0) {
      throw Refusal.badRequest("A span of shifts is at most 90 days.");
    }
    return schedules.shifts(spec, from, to);
  }

  /**
   * Puts the person named by {@code slackUserId} (or, failing that, {@code name}) on call from
   * {@code from} to {@code to}; a schedule participant keeps their phone and email.
   */
  public ScheduleOverride override(
      String schedule, String slackUserId, String name, Instant from, Instant to, String by) {
    ScheduleSpec spec = spec(schedule);
    if (blank(slackUserId) && blank(name)) {
      throw Refusal.badRequest("Say who is on call: 'slackUserId' or 'name'.");
    }
    OnCallPerson person = participant(spec, slackUserId, name);
    ScheduleOverride override = new ScheduleOverride(person, from, to, by);
    OverrideRules.problem(override, clock.instant())
        .ifPresent(
            problem -> {
              throw Refusal.badRequest(capitalised(problem) + ".");
            });
    ScheduleOverride accepted = schedules.override(spec, override);
    recentOverrides.forget(spec.name());
    return accepted;
  }

  /**
   * Exchanges the shift {@code a} has at {@code a.at()} for the one {@code b} has at {@code
   * b.at()}. Bad input is refused here (400); what the schedule itself refuses (someone not on call
   * then, a shift already over) comes back from its workflow as a 409, with nothing changed.
   */
  public SwappedShifts swap(String schedule, SwapParty a, SwapParty b, String by) {
    ScheduleSpec spec = spec(schedule);
    for (SwapParty party : new SwapParty[] {a, b}) {
      if (party == null || (blank(party.slackUserId()) && blank(party.name()))) {
        throw Refusal.badRequest("Say who swaps: 'a' and 'b' each need 'slackUserId' or 'name'.");
      }
      if (party.at() == null) {
        throw Refusal.badRequest(
            "'a' and 'b' each need 'at', an ISO-8601 instant in the shift they give away.");
      }
    }
    ShiftSwap swap =
        new ShiftSwap(
            participant(spec, a.slackUserId(), a.name()),
            a.at(),
            participant(spec, b.slackUserId(), b.name()),
            b.at(),
            by);
    ShiftSwaps.inputProblem(swap, clock.instant())
        .ifPresent(
            problem -> {
              throw Refusal.badRequest(capitalised(problem) + ".");
            });
    SwappedShifts swapped;
    try {
      swapped = schedules.swap(spec, swap);
    } catch (WorkflowUpdateException refused) {
      // The validator's sentence (who is on call instead, which shift is over) is the answer.
      throw new Refusal(409, "swap_refused", capitalised(RootCause.message(refused)) + ".");
    }
    recentOverrides.forget(spec.name());
    return swapped;
  }

  private static OnCallPerson participant(ScheduleSpec spec, String slackUserId, String name) {
    for (RotationLayer layer : spec.layers()) {
      for (OnCallPerson person : layer.participants()) {
        boolean sameSlack = !blank(slackUserId) && slackUserId.equals(person.slackUserId());
        boolean sameName = blank(slackUserId) && Objects.equals(name, person.name());
        if (sameSlack || sameName) {
          return person;
        }
      }
    }
    return new OnCallPerson(
        blank(name) ? slackUserId : name, blank(slackUserId) ? null : slackUserId, null, null);
  }

  private ScheduleSpec spec(String schedule) {
    return schedules
        .spec(schedule)
        .orElseThrow(() -> Refusal.notFound("No on-call schedule named '" + schedule + "'."));
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static String capitalised(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
