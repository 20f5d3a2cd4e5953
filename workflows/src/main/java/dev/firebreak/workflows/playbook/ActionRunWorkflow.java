package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.rollback.Approval;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One run of one playbook action for one incident: wait for approval if the action asks for it, do
 * the step, verify, report to the incident. Workflow id {@code action-<incidentId>-<key>}; the
 * incident starts it as a child that outlives the incident's run, so the Temporal UI shows each run
 * as its own step of the runbook.
 */
@WorkflowInterface
public interface ActionRunWorkflow {

  String WORKFLOW_ID_PREFIX = "action-";

  static String workflowId(String incidentId, String key) {
    return WORKFLOW_ID_PREFIX + incidentId + "-" + key;
  }

  @WorkflowMethod
  ActionRunView run(ActionOrder order);

  @UpdateMethod(description = "Approve the run; whoever asked for it cannot approve it")
  ActionRunView approve(Approval approval);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(Approval approval);

  @UpdateMethod(description = "Refuse the run; it ends without touching anything")
  ActionRunView refuse(Approval approval);

  @UpdateValidatorMethod(updateName = "refuse")
  void validateRefuse(Approval approval);

  @QueryMethod(description = "Status, parameters, approvals, outcome and every step so far")
  ActionRunView state();
}
