package dev.firebreak.workflows.diagnostics;

import java.time.Instant;

/**
 * One deploy as the platform reports it; {@code state} is the platform's own word (READY, live,
 * ...).
 */
public record Deployment(String id, Instant createdAt, String state, String commit, String url) {}
