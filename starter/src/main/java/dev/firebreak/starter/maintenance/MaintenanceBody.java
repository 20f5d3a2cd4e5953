package dev.firebreak.starter.maintenance;

import dev.firebreak.starter.config.MaintenanceStepConfig;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/v1/maintenance-windows}.
 *
 * @param template the config window to run by; by default the one covering the first service
 * @param confirm schedule even though a P0/P1 incident is open
 */
public record MaintenanceBody(
    String title,
    List<String> services,
    Instant start,
    Instant end,
    List<MaintenanceStepConfig> steps,
    String template,
    Boolean confirm) {}
