package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.rollback.RollbackPolicy;

/**
 * A service the window rolls back when its post-checks fail, with the service's rollback policy.
 */
public record ServiceRollback(String service, RollbackPolicy policy) {}
