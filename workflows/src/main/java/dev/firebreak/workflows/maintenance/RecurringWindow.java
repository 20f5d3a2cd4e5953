package dev.firebreak.workflows.maintenance;

import java.time.Duration;
import java.util.List;

/**
 * A maintenance window of the runbook that comes back by rule ({@code first Sunday of the month
 * 02:00 UTC}), with the plan every occurrence runs by, as the config said when the worker started.
 *
 * @param zone the zone the rule is read in when it names none
 * @param duration how long each occurrence lasts
 */
public record RecurringWindow(
    String name,
    String title,
    List<String> services,
    String recurrence,
    String zone,
    Duration duration,
    MaintenancePlan plan) {

  public RecurringWindow {
    services = List.copyOf(services);
  }
}
