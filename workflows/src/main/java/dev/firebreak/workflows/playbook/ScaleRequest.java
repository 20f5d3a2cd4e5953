package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.rollback.PlatformService;

/** The number of instances the service should run. */
public record ScaleRequest(PlatformService service, int instances) {}
