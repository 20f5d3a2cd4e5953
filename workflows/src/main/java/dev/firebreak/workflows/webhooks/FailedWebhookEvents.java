package dev.firebreak.workflows.webhooks;

import java.util.List;

/**
 * Undelivered events, oldest first.
 *
 * @param truncated more events failed than one call returns: the newest are listed and the oldest
 *     are left out
 */
public record FailedWebhookEvents(
    List<FailedWebhookEvent> events, boolean truncated, boolean dryRun) {}
