package dev.firebreak.workflows.oncall;

import java.util.List;

/**
 * What a swap became: two overrides, applied together.
 *
 * @param aShift A's shift, now B's (from the moment of the swap when it was already running)
 * @param bShift B's shift, now A's
 */
public record SwappedShifts(ScheduleOverride aShift, ScheduleOverride bShift) {

  public List<ScheduleOverride> overrides() {
    return List.of(aShift, bShift);
  }
}
