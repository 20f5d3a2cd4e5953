package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.RootCause;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Optional;

/**
 * How a job or a maintenance window declares an incident: as a child workflow rather than through
 * an activity. Starting a child is a command recorded in history, so it is deterministic and
 * idempotent by the incident's workflow id without a Temporal client inside an activity, and with
 * {@code ABANDON} the incident lives on after its parent closes. The parent waits only until the
 * incident has started, never for it to end.
 */
public final class ChildIncident {

  private ChildIncident() {}

  /**
   * Starts the incident; empty once it has started, otherwise why it could not (its id is taken,
   * say). {@code options} carries what differs between parents (a task queue, a reuse policy); the
   * id, the close policy, the memo, the summary and the details are set here, the same for every
   * parent and as the starter sets them. The declaration is fitted to {@link DeclarationLimits} as
   * an alert's is: a job's or a window's generated title can be longer than a person may type. (The
   * SDK matches a replayed child start by its workflow id and type, so what the start carries may
   * change without a version.)
   */
  public static Optional<String> declare(
      Declaration declared,
      Severity severity,
      IncidentPolicy policy,
      String summary,
      ChildWorkflowOptions.Builder options) {
    Declaration declaration = DeclarationLimits.fitted(declared);
    IncidentWorkflow incident =
        Workflow.newChildWorkflowStub(
            IncidentWorkflow.class,
            options
                .setWorkflowId(IncidentWorkflow.workflowId(declaration.id()))
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setStaticSummary(DeclarationLimits.summary(summary))
                .setStaticDetails(DeclarationDetails.markdown(declaration))
                .setMemo(
                    IncidentMemo.of(
                        declaration, severity, Instant.ofEpochMilli(Workflow.currentTimeMillis())))
                .build());
    // The outcome is the incident's own business; handling it keeps an abandoned child's failure
    // out of the parent's log.
    Async.function(incident::run, IncidentInput.declared(declaration, policy))
        .handle((outcome, failed) -> null);
    try {
      Workflow.getWorkflowExecution(incident).get();
      return Optional.empty();
    } catch (ChildWorkflowFailure notStarted) {
      return Optional.of(RootCause.message(notStarted));
    }
  }
}
