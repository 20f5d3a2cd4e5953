package dev.firebreak.workflows.rollback;

/** A person approving or refusing a rollback that waits for approval. */
public record Approval(String by, String comment) {}
