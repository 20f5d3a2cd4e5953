package dev.firebreak.workflows.rollback;

import java.time.Instant;
import java.util.List;

/**
 * A rollback as a person asking "where is it?" sees it: the answer to the state query and the
 * workflow's result.
 *
 * @param fromDeployment what was live before, when the platform said
 * @param toDeployment the deploy rolled back to (null until resolved, or in dry-run without a
 *     target)
 * @param outcome the latest sentence: what happened, or why it stopped
 */
public record RollbackView(
    String workflowId,
    String key,
    String service,
    String platform,
    RollbackStatus status,
    String fromDeployment,
    String toDeployment,
    String reason,
    String requestedBy,
    String incidentId,
    String approvedBy,
    String refusedBy,
    boolean dryRun,
    String outcome,
    Instant requestedAt,
    Instant finishedAt,
    List<RollbackStep> steps) {}
