package dev.firebreak.workflows.rollback;

/** What a rollback tells its incident, for the timeline; {@code text} is the whole sentence. */
public record RollbackReport(
    String workflowId, String service, RollbackStatus status, String by, String text) {}
