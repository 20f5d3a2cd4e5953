package dev.firebreak.workflows.rollback;

/**
 * What the caller asked for.
 *
 * @param key the caller's idempotency key; the same key always means the same rollback
 * @param toDeployment the deploy to go back to, or null for the previous successful production
 *     deploy
 * @param incidentId the incident to report to, or null
 */
public record RollbackRequest(
    String key,
    String service,
    String toDeployment,
    String reason,
    String requestedBy,
    String incidentId) {}
