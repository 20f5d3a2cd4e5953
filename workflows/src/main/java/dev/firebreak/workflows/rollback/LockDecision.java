package dev.firebreak.workflows.rollback;

/** The answer to a claim: granted, or refused because {@code holder} runs. */
public record LockDecision(boolean granted, LockHolder holder) {}
