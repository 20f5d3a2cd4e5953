package dev.firebreak.workflows.webhooks;

/**
 * An event whose re-delivery failed and will be tried again: how often so far, and the last error.
 */
public record FailedAttempts(int attempts, String lastError) {}
