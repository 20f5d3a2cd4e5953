package dev.firebreak.workflows.statuspage;

import java.time.Instant;
import java.util.List;

/**
 * A maintenance window announced on the public status page.
 *
 * @param key unique per window ({@code maintenance-<id>}): the marker that makes a retry find the
 *     announcement instead of posting a second one
 */
public record ScheduledMaintenance(
    String key, String name, String body, Instant from, Instant until, List<String> componentIds) {}
