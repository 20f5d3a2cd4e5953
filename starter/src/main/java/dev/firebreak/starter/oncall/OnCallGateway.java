package dev.firebreak.starter.oncall;

import dev.firebreak.starter.service.Refusal;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import dev.firebreak.workflows.oncall.OnCallCalculator;
import dev.firebreak.workflows.oncall.OnCallPerson;
import dev.firebreak.workflows.oncall.OnCallShift;
import dev.firebreak.workflows.oncall.OverrideRules;
import dev.firebreak.workflows.oncall.RotationLayer;
import dev.firebreak.workflows.oncall.ScheduleOverride;
import dev.firebreak.workflows.oncall.ScheduleSpec;
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
