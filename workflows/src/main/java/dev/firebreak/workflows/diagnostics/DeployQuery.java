package dev.firebreak.workflows.diagnostics;

import java.time.Instant;

/**
 * Recent production deploys of a service on its platform.
 *
 * @param platform "vercel" or "render"
 * @param platformId the Vercel project id or the Render service id
 */
public record DeployQuery(String service, String platform, String platformId, Instant since) {}
