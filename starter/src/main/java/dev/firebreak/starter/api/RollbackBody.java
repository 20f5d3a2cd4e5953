package dev.firebreak.starter.api;

/**
 * The body of {@code POST /api/v1/rollbacks}; also of an incident's rollback, where all fields are
 * optional.
 */
record RollbackBody(String service, String toDeployment, String reason, String incidentId) {}
