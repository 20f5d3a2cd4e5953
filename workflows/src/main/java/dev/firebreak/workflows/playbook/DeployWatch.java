package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.rollback.PlatformService;
import java.time.Duration;

/** Which deploy to watch until it is live, and how often to ask. */
public record DeployWatch(PlatformService service, String deployRef, Duration pollInterval) {}
