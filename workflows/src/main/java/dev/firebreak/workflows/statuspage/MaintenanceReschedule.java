package dev.firebreak.workflows.statuspage;

import java.time.Instant;

/**
 * A new end for an announced maintenance. Both ends are sent, so a retry sets the same schedule
 * again rather than shifting it.
 *
 * @param key the window's key ({@code maintenance-<id>}), for the logs
 * @param ref the scheduled maintenance {@link StatusPageActivities#scheduleMaintenance} returned
 * @param from the unchanged start
 * @param until the new end
 */
public record MaintenanceReschedule(
    String key, PublicIncidentRef ref, Instant from, Instant until) {}
