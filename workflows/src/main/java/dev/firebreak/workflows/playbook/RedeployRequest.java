package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.rollback.PlatformService;
import java.time.Instant;

/**
 * @param notBefore when the action began; a deploy created at or after it is this action's own
 *     (started by an attempt whose answer was lost) and is adopted
 * @param reason what the deploy is for, sent where the platform keeps a message
 */
public record RedeployRequest(PlatformService service, Instant notBefore, String reason) {}
