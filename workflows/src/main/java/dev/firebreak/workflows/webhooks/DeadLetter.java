package dev.firebreak.workflows.webhooks;

/**
 * An event set aside: re-delivery stopped after {@code attempts}, the last failing with {@code
 * lastError}.
 */
public record DeadLetter(String eventId, int attempts, String lastError) {}
