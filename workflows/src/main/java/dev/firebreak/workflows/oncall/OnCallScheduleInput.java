package dev.firebreak.workflows.oncall;

import java.util.List;

/**
 * What a schedule's workflow starts (or continues as new) with.
 *
 * @param current who was on call when the previous run ended, so a handoff that falls on the
 *     continue-as-new still gets its notice; null at the first start
 * @param started false at the first start: whoever is on call then is not "incoming"
 */
public record OnCallScheduleInput(
    ScheduleSpec spec, List<ScheduleOverride> overrides, OnCallPerson current, boolean started) {

  public OnCallScheduleInput {
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
  }

  public static OnCallScheduleInput configured(ScheduleSpec spec) {
    return new OnCallScheduleInput(spec, List.of(), null, false);
  }
}
