package dev.firebreak.starter.incidents;

import dev.firebreak.workflows.common.Refusals;
import dev.firebreak.workflows.playbook.ActionOrder;
import dev.firebreak.workflows.playbook.ActionRunStatus;
import dev.firebreak.workflows.playbook.ActionRunStep;
import dev.firebreak.workflows.playbook.ActionRunView;
import dev.firebreak.workflows.playbook.ActionRunWorkflow;
import dev.firebreak.workflows.rollback.Approval;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

/**
 * A stand-in for the action run, so the API, CLI and Slack tests exercise their own code only: it
 * waits for a decision when the action asks for approval, and otherwise (or once approved) counts
 * as succeeded without touching anything. Like the real run, the requester can never approve and a
 * decided run takes no second decision.
 */
public class StandInActionRunWorkflow implements ActionRunWorkflow {

  private ActionOrder order;
  private ActionRunStatus status = ActionRunStatus.RUNNING;
  private String approvedBy;
  private String refusedBy;
  private Instant requestedAt;

  @Override
  public ActionRunView run(ActionOrder order) {
    this.order = order;
    this.requestedAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    if (order.action().approval() != null) {
      status = ActionRunStatus.AWAITING_APPROVAL;
      Workflow.await(() -> status != ActionRunStatus.AWAITING_APPROVAL);
    } else {
      status = ActionRunStatus.SUCCEEDED;
    }
    return state();
  }

  @Override
  public ActionRunView approve(Approval approval) {
    approvedBy = approval.by();
    status = ActionRunStatus.SUCCEEDED;
    return state();
  }

  @Override
  public void validateApprove(Approval approval) {
    requireAwaiting();
    if (approval.by().equals(order.requestedBy())) {
      throw ApplicationFailure.newFailure(
          approval.by() + " asked for this run and cannot approve it", Refusals.INVALID_TRANSITION);
    }
  }

  @Override
  public ActionRunView refuse(Approval approval) {
    refusedBy = approval.by();
    status = ActionRunStatus.REFUSED;
    return state();
  }

  @Override
  public void validateRefuse(Approval approval) {
    requireAwaiting();
  }

  @Override
  public ActionRunView state() {
    return new ActionRunView(
        order.workflowId(),
        order.incidentId(),
        order.playbook(),
        order.action().name(),
        order.action().title(),
        order.action().step().kind(),
        status,
        order.parameters(),
        order.reason(),
        order.requestedBy(),
        approvedBy,
        refusedBy,
        true,
        status.isFinal() ? "The stand-in run " + status.name().toLowerCase() + "." : null,
        requestedAt,
        null,
        status == ActionRunStatus.SUCCEEDED ? order.action().undo() : null,
        order.undoes(),
        List.of(new ActionRunStep(requestedAt, "Asked by " + order.requestedBy())));
  }

  private void requireAwaiting() {
    if (status != ActionRunStatus.AWAITING_APPROVAL) {
      throw ApplicationFailure.newFailure(
          "the run is " + status + ", not awaiting approval", Refusals.INVALID_TRANSITION);
    }
  }
}
