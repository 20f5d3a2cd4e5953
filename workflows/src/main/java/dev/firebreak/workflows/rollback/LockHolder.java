package dev.firebreak.workflows.rollback;

import java.time.Instant;

/** Who holds a service's rollback lock, and until when at the latest. */
public record LockHolder(String key, String workflowId, Instant leaseEnds) {}
