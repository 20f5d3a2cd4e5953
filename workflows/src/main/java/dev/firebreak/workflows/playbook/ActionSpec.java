package dev.firebreak.workflows.playbook;

import java.util.List;

/**
 * One executable resolution step of a playbook, as the operator configured it.
 *
 * @param roles the API roles allowed to run it (for example {@code responder}); empty means any
 *     role that may change an incident
 * @param approval who must approve a run before it starts; null when none is needed
 * @param confirm the question the Slack button asks before it runs; null for no confirmation
 * @param parameters what a caller may (or must) fill in; validated before anything runs
 * @param verify names of configured health checks that must pass after the step for the run to
 *     count as verified; empty means the step's own success is enough
 * @param undo the name of the action in the same playbook that reverts this one, offered once this
 *     one ran; null when there is none
 */
public record ActionSpec(
    String name,
    String title,
    List<String> roles,
    ApprovalRule approval,
    String confirm,
    List<ParameterSpec> parameters,
    ActionStep step,
    List<String> verify,
    String undo) {

  public ActionSpec {
    roles = roles == null ? List.of() : List.copyOf(roles);
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
    verify = verify == null ? List.of() : List.copyOf(verify);
  }
}
