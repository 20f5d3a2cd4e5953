package dev.firebreak.workflows.rollback;

/**
 * The deploy a rollback goes back to, and what it replaces.
 *
 * @param from the deploy live now, or null when unknown (dry-run)
 * @param to the deploy to serve again, or null in dry-run when none was named
 */
public record RollbackTarget(String from, String to, String commit, String description) {}
