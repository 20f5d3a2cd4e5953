package dev.firebreak.workflows.playbook;

import java.time.Duration;
import java.util.List;

/**
 * A second person must approve a run; whoever asked for it can never approve it.
 *
 * @param approverRoles the API roles that may approve; empty means any role that may run it
 * @param expiresAfter how long a request waits for an answer before it expires and nothing runs
 */
public record ApprovalRule(List<String> approverRoles, Duration expiresAfter) {
  public ApprovalRule {
    approverRoles = approverRoles == null ? List.of() : List.copyOf(approverRoles);
  }
}
