package dev.firebreak.starter.config;

import java.util.List;
import java.util.Optional;

/**
 * The runbook's maintenance windows: each a template (audiences, checklists, steps, monitoring,
 * rollback) that ad-hoc windows over the API use by name or by service, with an optional
 * recurrence rule.
 */
public record MaintenanceConfig(List<MaintenanceWindowConfig> windows) {

  public MaintenanceConfig {
    windows = ConfigShape.listOf(windows);
  }

  static MaintenanceConfig none() {
    return new MaintenanceConfig(null);
  }

  public Optional<MaintenanceWindowConfig> window(String name) {
    return windows.stream().filter(w -> w != null && name.equals(w.name())).findFirst();
  }

  /** The template a window on these services runs by: the first covering its first service. */
  public Optional<MaintenanceWindowConfig> covering(String service) {
    return windows.stream().filter(w -> w != null && w.services().contains(service)).findFirst();
  }
}
