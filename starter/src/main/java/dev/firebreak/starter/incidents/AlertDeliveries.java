package dev.firebreak.starter.incidents;

import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.TemporalDeadlines;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.DeclarationLimits;
import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Instant;

/**
 * Delivers alerts to incidents: a firing alert declares its incident (fitted to the same {@link
 * DeclarationLimits} as every declaration, started the same way as {@link Declarations} starts one)
 * or is counted by the incident already running under its id.
 */
public final class AlertDeliveries {

  private static final int MAX_ALERT_ATTEMPTS = 3;

  private final WorkflowClient client;
  private final IncidentStarts starts;
  private final Clock clock;
  private final TemporalDeadlines deadlines;

  AlertDeliveries(
      WorkflowClient client, IncidentStarts starts, Clock clock, TemporalDeadlines deadlines) {
    this.client = client;
    this.starts = starts;
    this.clock = clock;
    this.deadlines = deadlines;
  }

  /**
   * Delivers a firing alert: starts its incident under the declaration's id, or signals the
   * incident running under it, in one atomic signal-with-start (the deduplication the alert intake
   * relies on). A closed incident's id may start again: the alert's next incident.
   *
   * <p>The dev test server is not atomic here: of two concurrent signal-with-starts, one can fail
   * with "already started" (a real server signals instead). The incident then runs, so the delivery
   * becomes a signal to it, or, should that incident have closed meanwhile, starts the next one.
   */
  public void firing(Declaration received, AlertReceived alert) {
    Declaration fitted = DeclarationLimits.fitted(received);
    Declaration declaration =
        fitted.declaredAt() != null ? fitted : fitted.issued(fitted.id(), Instant.now(clock));
    IncidentInput input = starts.alertInput(declaration, alert);
    WorkflowOptions options =
        WorkflowOptions.newBuilder(starts.options(declaration, input, null))
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    deadlines.starting(
        () -> {
          deliverFiring(declaration, options, input, alert);
          return null;
        },
        AlertDeliveries::alertNotConfirmed);
  }

  private static Refusal alertNotConfirmed(String limit) {
    return new Refusal(
        503,
        "temporal_unavailable",
        "Temporal did not confirm the alert within "
            + limit
            + ", so it may still be recorded once Temporal answers. Sending it again is safe: an alert's fingerprint "
            + "finds its incident, so a repeat is counted, never declared twice.");
  }

  private void deliverFiring(
      Declaration declaration, WorkflowOptions options, IncidentInput input, AlertReceived alert) {
    for (int attempt = 1; ; attempt++) {
      try {
        client
            .newUntypedWorkflowStub(IncidentStarts.WORKFLOW_TYPE, options)
            .signalWithStart("alert", new Object[] {alert}, new Object[] {input});
        return;
      } catch (WorkflowExecutionAlreadyStarted raced) {
        if (ifRunning(declaration.id(), alert)) {
          return;
        }
        if (attempt == MAX_ALERT_ATTEMPTS) {
          throw raced;
        }
      }
    }
  }

  /**
   * Delivers an alert to the incident running under the id; false when none runs (nothing to record
   * it in).
   */
  public boolean ifRunning(String id, AlertReceived alert) {
    return deadlines.starting(
        () -> {
          try {
            client
                .newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId(id))
                .alert(alert);
            return true;
          } catch (WorkflowNotFoundException closed) {
            return false;
          }
        },
        AlertDeliveries::alertNotConfirmed);
  }
}
