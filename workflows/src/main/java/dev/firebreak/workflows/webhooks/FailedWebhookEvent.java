package dev.firebreak.workflows.webhooks;

import java.time.Instant;

/**
 * One provider event that did not reach us; {@code id} ({@code evt_…}) is what processing dedups
 * on.
 */
public record FailedWebhookEvent(String id, String type, Instant created, int pendingWebhooks) {}
