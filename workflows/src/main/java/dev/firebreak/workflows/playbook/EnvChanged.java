package dev.firebreak.workflows.playbook;

import java.util.List;

/**
 * What {@link PlatformActivities#changeEnv} did.
 *
 * @param written the names whose value was created, changed or removed; empty when every variable
 *     already held what was asked, in which case no redeploy is needed
 * @param detail for the timeline: the call made, or in dry-run the call that would have been made
 */
public record EnvChanged(List<String> written, boolean dryRun, String detail) {
  public EnvChanged {
    written = List.copyOf(written);
  }
}
