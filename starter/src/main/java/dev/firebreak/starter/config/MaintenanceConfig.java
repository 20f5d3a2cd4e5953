package dev.firebreak.starter.config;

import dev.firebreak.workflows.maintenance.MaintenanceLimits;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The runbook's maintenance windows: each a template (audiences, checklists, steps, monitoring,
 * rollback) that ad-hoc windows over the API use by name or by service, with an optional
 * recurrence rule.
 *
 * @param horizon how far ahead a window may start; a year when unset, at most
 *     {@link MaintenanceLimits#MAX_HORIZON}
 * @param maxDuration how long a window may last, extensions included; 7 days when unset, at most
 *     {@link MaintenanceLimits#MAX_LENGTH}
 */
public record MaintenanceConfig(List<MaintenanceWindowConfig> windows, String horizon, String maxDuration) {

  public static final String DEFAULT_HORIZON = "365d";
  public static final String DEFAULT_MAX_DURATION = "7d";

  public MaintenanceConfig {
    windows = ConfigShape.listOf(windows);
    horizon = horizon == null ? DEFAULT_HORIZON : horizon;
    maxDuration = maxDuration == null ? DEFAULT_MAX_DURATION : maxDuration;
  }

  public MaintenanceConfig(List<MaintenanceWindowConfig> windows) {
    this(windows, null, null);
  }

  static MaintenanceConfig none() {
    return new MaintenanceConfig(null);
  }

  /** {@link #horizon} as a duration; only for a validated config. */
  public Duration horizonLimit() {
    return DurationText.require(horizon);
  }

  /** {@link #maxDuration} as a duration; only for a validated config. */
  public Duration durationLimit() {
    return DurationText.require(maxDuration);
  }

  public Optional<MaintenanceWindowConfig> window(String name) {
    return windows.stream().filter(w -> w != null && name.equals(w.name())).findFirst();
  }

  /** The template a window on these services runs by: the first covering its first service. */
  public Optional<MaintenanceWindowConfig> covering(String service) {
    return windows.stream().filter(w -> w != null && w.services().contains(service)).findFirst();
  }
}
