package dev.firebreak.workflows.rollback;

/**
 * The platform accepted the rollback.
 *
 * @param rollbackRef what to poll: Render's new deploy id, Vercel's target deployment id
 */
public record RollbackStarted(String rollbackRef, boolean dryRun, String detail) {}
