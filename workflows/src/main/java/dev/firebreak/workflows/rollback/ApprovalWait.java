package dev.firebreak.workflows.rollback;

import dev.firebreak.workflows.common.Refusals;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * A workflow's wait for a second person (a rollback's, an action run's): who approved or refused,
 * and the rules every such wait keeps. A decision names who made it, comes once, only while the
 * workflow waits for it, and whoever asked can refuse but never approve. Workflow state: one per
 * workflow, held in its fields.
 */
public final class ApprovalWait {

  private static final Logger log = Workflow.getLogger(ApprovalWait.class);

  private final String workflowId;
  private final String subject;
  private final String requestedBy;
  private String approvedBy;
  private String refusedBy;

  /**
   * @param subject what is approved, for sentences: {@code this rollback}
   */
  public ApprovalWait(String workflowId, String subject, String requestedBy) {
    this.workflowId = workflowId;
    this.subject = subject;
    this.requestedBy = requestedBy;
  }

  /** Waits until someone decides, at most {@code deadline}; false when nobody did. */
  public boolean awaitDecision(Duration deadline) {
    return Workflow.await(deadline, () -> approvedBy != null || refusedBy != null);
  }

  /**
   * @param waiting whether the workflow waits for approval now
   * @param status where the workflow is, named in the refusal when it does not wait
   */
  public void validateApprove(Approval approval, boolean waiting, Object status) {
    requireDecision(approval, "approving", waiting, status);
    if (approval.by().equals(requestedBy)) {
      throw refusal(
          approval.by() + " requested " + subject + " and cannot approve it; someone else must");
    }
  }

  public void validateRefuse(Approval approval, boolean waiting, Object status) {
    requireDecision(approval, "refusing", waiting, status);
  }

  /** Records the approval; returns the line for the workflow's log of steps. */
  public String approve(Approval approval) {
    approvedBy = approval.by();
    log.info("{} approved by {}", workflowId, approval.by());
    return "Approved by " + approval.described();
  }

  /** Records the refusal; returns the line for the workflow's log of steps. */
  public String refuse(Approval approval) {
    refusedBy = approval.by();
    log.info("{} refused by {}", workflowId, approval.by());
    return "Refused by " + approval.described();
  }

  public String approvedBy() {
    return approvedBy;
  }

  public String refusedBy() {
    return refusedBy;
  }

  private void requireDecision(Approval approval, String what, boolean waiting, Object status) {
    if (approval == null || approval.by() == null || approval.by().isBlank()) {
      throw refusal("'by' is required: say who is " + what + " " + subject);
    }
    if (!waiting || approvedBy != null || refusedBy != null) {
      throw refusal(workflowId + " is not waiting for approval (it is " + status + ")");
    }
  }

  private static ApplicationFailure refusal(String message) {
    return ApplicationFailure.newFailure(message, Refusals.INVALID_TRANSITION);
  }
}
