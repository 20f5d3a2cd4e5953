package dev.firebreak.workflows.diagnostics;

import java.util.List;

/** A service's recent deploys, newest first. */
public record DeployHistory(
    String service, String platform, List<Deployment> deployments, boolean dryRun, String detail) {}
