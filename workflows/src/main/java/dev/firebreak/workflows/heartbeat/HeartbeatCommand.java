package dev.firebreak.workflows.heartbeat;

/** Who pauses or resumes a heartbeat, and why (optional). */
public record HeartbeatCommand(String by, String reason) {}
