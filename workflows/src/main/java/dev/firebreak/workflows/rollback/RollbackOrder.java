package dev.firebreak.workflows.rollback;

/** The whole input of a rollback: the request and the policy it runs by. */
public record RollbackOrder(RollbackRequest request, RollbackPolicy policy) {

  public String workflowId() {
    return RollbackWorkflow.workflowId(request.service(), request.key());
  }
}
