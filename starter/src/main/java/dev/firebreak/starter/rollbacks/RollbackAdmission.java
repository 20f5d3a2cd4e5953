package dev.firebreak.starter.rollbacks;

/**
 * What a rollback request led to: the rollback it started or found, and whether it is new.
 *
 * @param status the rollback's status when the request was answered ({@code RollbackStatus} name)
 */
public record RollbackAdmission(String workflowId, String status, boolean started) {

  /** The id people use ({@code GET /api/v1/rollbacks/{id}}): the workflow id without its prefix. */
  public String id() {
    return workflowId.substring(RollbackGateway.ID_PREFIX.length());
  }
}
