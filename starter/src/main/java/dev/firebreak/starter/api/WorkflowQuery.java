package dev.firebreak.starter.api;

import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import java.util.Optional;
import java.util.function.Supplier;

/** A query to a workflow that may not exist (yet): its answer, or empty when there is no such workflow. */
final class WorkflowQuery {

  private WorkflowQuery() {}

  static <T> Optional<T> ifExists(Supplier<T> query) {
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
