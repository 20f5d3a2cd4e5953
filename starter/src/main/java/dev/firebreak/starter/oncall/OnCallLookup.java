package dev.firebreak.starter.oncall;

import dev.firebreak.workflows.oncall.OnCallActivities;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import java.time.Instant;

/**
 * The activity escalations resolve {@code schedule:NAME} targets with: the config's rotation and
 * the overrides the schedule's workflow holds at that moment.
 */
public final class OnCallLookup implements OnCallActivities {

  private final OnCallSchedules schedules;

  public OnCallLookup(OnCallSchedules schedules) {
    this.schedules = schedules;
  }

  @Override
  public OnCallAnswer whoIsOnCall(String schedule, Instant at) {
    return schedules
        .spec(schedule)
        .map(spec -> schedules.answer(spec, at))
        // A schedule removed from the config while an incident runs is a gap, not a crash.
        .orElseGet(
            () -> new OnCallAnswer(schedule, at, null, "no schedule named " + schedule, null));
  }
}
