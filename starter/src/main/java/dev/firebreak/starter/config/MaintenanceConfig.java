package dev.firebreak.starter.config;

import dev.firebreak.workflows.maintenance.MaintenanceLimits;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The runbook's maintenance windows: each a template (audiences, checklists, steps, monitoring,
 * rollback) that ad-hoc windows over the API use by name or by service, with an optional recurrence
 * rule.
 *
 * @param steps named steps a window scheduled over the API or Slack may add by name: the way a
 *     responder adds an HTTP call, because only the config may hold {@code ${ENV}} references
 * @param allowedHosts hosts ({@code host} for any port, or {@code host:port}) an admin's ad-hoc
 *     HTTP step may call besides those the config already names (health URLs, configured providers)
 * @param horizon how far ahead a window may start; a year when unset, at most {@link
 *     MaintenanceLimits#MAX_HORIZON}
 * @param maxDuration how long a window may last, extensions included; 7 days when unset, at most
 *     {@link MaintenanceLimits#MAX_LENGTH}
 */
public record MaintenanceConfig(
    List<MaintenanceWindowConfig> windows,
    List<MaintenanceStepConfig> steps,
    List<String> allowedHosts,
    String horizon,
    String maxDuration) {

  public static final String DEFAULT_HORIZON = "365d";
  public static final String DEFAULT_MAX_DURATION = "7d";

  public MaintenanceConfig {
    windows = ConfigShape.listOf(windows);
    steps = ConfigShape.listOf(steps);
    allowedHosts = ConfigShape.listOf(allowedHosts);
    horizon = horizon == null ? DEFAULT_HORIZON : horizon;
    maxDuration = maxDuration == null ? DEFAULT_MAX_DURATION : maxDuration;
  }

  public MaintenanceConfig(List<MaintenanceWindowConfig> windows) {
    this(windows, null, null, null, null);
  }

  static MaintenanceConfig none() {
    return new MaintenanceConfig(null, null, null, null, null);
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

  /** The named step of {@code steps}, as a request refers to it. */
  public Optional<MaintenanceStepConfig> step(String name) {
    return steps.stream().filter(s -> s != null && name.equals(s.name())).findFirst();
  }

  /** The template a window on these services runs by: the first covering its first service. */
  public Optional<MaintenanceWindowConfig> covering(String service) {
    return windows.stream().filter(w -> w != null && w.services().contains(service)).findFirst();
  }
}
