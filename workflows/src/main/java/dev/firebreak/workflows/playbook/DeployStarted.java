package dev.firebreak.workflows.playbook;

/**
 * @param deployRef what to poll: Vercel's new deployment id, Render's deploy id
 * @param adopted a deploy started by an earlier attempt was found instead of starting one
 */
public record DeployStarted(String deployRef, boolean adopted, boolean dryRun, String detail) {}
