package dev.firebreak.workflows.notify;

/** Where a posted chat message lives, so it can be updated and replied to. */
public record MessageRef(String channel, String ts, boolean dryRun) {}
