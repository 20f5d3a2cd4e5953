package dev.firebreak.workflows.rollback;

import java.time.Duration;

/** Which rollback to watch until live, and how often to ask. */
public record RollbackCheck(
    PlatformService service,
    String deploymentId,
    String rollbackRef,
    Duration pollInterval,
    String workflowId) {}
