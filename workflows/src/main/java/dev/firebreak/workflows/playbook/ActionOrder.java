package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.rollback.RollbackOrder;
import java.util.List;
import java.util.Map;

/**
 * Everything a run needs, resolved by the caller from the config before it starts: the workflow
 * reads no config.
 *
 * @param action the action as configured, its step's {@code {{name}}} placeholders already filled
 *     with {@code parameters} (see {@link ActionParameters})
 * @param parameters the validated values, as the caller gave them or defaulted, for the record
 * @param requestedByRoles the requester's API roles, so the approval rule can be checked against
 *     the approver's and the requester can never approve their own run
 * @param verify the health checks the action's {@code verify} names, resolved from the config
 * @param key the caller's idempotency key; with the incident id it is the workflow id
 * @param undoes the run id this run reverts; null for a run that is not an undo
 * @param rollback for a {@code rollback} action, the rollback as the rollback API would order it
 *     (the service's policy, the target, the key); null for every other kind
 */
public record ActionOrder(
    String incidentId,
    String playbook,
    ActionSpec action,
    Map<String, String> parameters,
    String reason,
    String requestedBy,
    List<String> requestedByRoles,
    List<HealthCheck> verify,
    String key,
    String undoes,
    RollbackOrder rollback) {

  /** An order for any kind but {@code rollback}. */
  public ActionOrder(
      String incidentId,
      String playbook,
      ActionSpec action,
      Map<String, String> parameters,
      String reason,
      String requestedBy,
      List<String> requestedByRoles,
      List<HealthCheck> verify,
      String key,
      String undoes) {
    this(
        incidentId,
        playbook,
        action,
        parameters,
        reason,
        requestedBy,
        requestedByRoles,
        verify,
        key,
        undoes,
        null);
  }

  public ActionOrder {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    requestedByRoles = requestedByRoles == null ? List.of() : List.copyOf(requestedByRoles);
    verify = verify == null ? List.of() : List.copyOf(verify);
  }

  public String workflowId() {
    return ActionRunWorkflow.workflowId(incidentId, key);
  }
}
