package dev.firebreak.workflows.rollback;

import java.time.Instant;

/**
 * One rollback to send to a platform.
 *
 * @param deploymentId the deploy to serve again; null only in dry-run without a resolved target
 * @param commit the target's commit, used to recognise a rollback already started (Render)
 * @param decidedAt when the workflow decided to roll back: a rollback the platform shows from
 *     before this belongs to someone else
 * @param workflowId the rollback's workflow id, for logs
 */
public record RollbackCommand(
    PlatformService service,
    String deploymentId,
    String commit,
    String reason,
    Instant decidedAt,
    String workflowId) {}
