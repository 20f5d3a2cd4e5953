package dev.firebreak.starter.service;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A query to a workflow that may not exist (yet): its answer, or empty when there is no such
 * workflow.
 */
public final class WorkflowQuery {

  private WorkflowQuery() {}

  private static final int LISTING_ATTEMPTS = 3;

  /**
   * A visibility listing, read again when the server fails it for no reason of ours: the dev server
   * walks its executions without a lock, so a list taken while workflows start fails now and then
   * with {@code UNKNOWN} (a ConcurrentModificationException inside the server). Listing is a read,
   * so asking again is safe.
   */
  public static <T> T listing(Supplier<T> list) {
    for (int attempt = 1; ; attempt++) {
      try {
        return list.get();
      } catch (StatusRuntimeException e) {
        if (attempt == LISTING_ATTEMPTS || e.getStatus().getCode() != Status.Code.UNKNOWN) {
          throw e;
        }
      }
    }
  }

  /** Whether a workflow ever ran under the id (running, or closed and still within retention). */
  public static boolean exists(WorkflowClient client, String workflowId) {
    try {
      client
          .getWorkflowServiceStubs()
          .blockingStub()
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                  .build());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  public static <T> Optional<T> ifExists(Supplier<T> query) {
    try {
      return Optional.of(query.get());
    } catch (WorkflowNotFoundException notYet) {
      return Optional.empty();
    } catch (WorkflowQueryException failed) {
      if (failed.getCause() instanceof WorkflowNotFoundException) {
        return Optional.empty();
      }
      throw failed;
    }
  }
}
