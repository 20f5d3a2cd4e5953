package dev.firebreak.workflows.webhooks;

/**
 * One event the endpoint did not take. {@code permanent} when it rejected it (a 4xx other than a
 * rate limit): trying again would only repeat the mistake.
 */
public record DeliveryFailure(String eventId, boolean permanent, String error) {}
