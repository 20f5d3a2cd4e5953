package dev.firebreak.workflows.playbook;

/**
 * What an action run tells its incident when it asks for approval and when it ends, for the
 * timeline and the post-mortem; {@code text} is the whole sentence.
 */
public record ActionRunReport(
    String runId, String action, ActionRunStatus status, String by, String text) {}
