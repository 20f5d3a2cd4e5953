package dev.firebreak.starter.service;

import dev.firebreak.workflows.common.Refusals;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.incident.IncidentSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a Temporal call threw into what the caller is told. Refusals by the incident (a
 * validator or handler throwing an {@link ApplicationFailure} of a known type) keep the workflow's
 * own message; anything unexpected becomes a generic 500 and is logged in full here only.
 */
public final class TemporalFailures {

  private static final Logger log = LoggerFactory.getLogger(TemporalFailures.class);

  /** ApplicationFailure types the workflows refuse commands with, and the API codes for them. */
  private static final Map<String, String> REFUSALS =
      Map.of(
          Refusals.INVALID_TRANSITION, "invalid_transition",
          Refusals.INVALID_JOB_COMMAND, "invalid_transition",
          Refusals.INVALID_HEARTBEAT_COMMAND, "invalid_transition",
          Refusals.RESOLVE_REFUSED, "resolve_refused");

  /** The search attributes an incident may start with, named when the server lacks one. */
  private static final String SEARCH_ATTRIBUTES =
      IncidentSearchAttributes.REGISTERED.stream()
          .map(SearchAttributeKey::getName)
          .collect(Collectors.joining(", "));

  /**
   * The type an update validator's {@link ApplicationFailure} arrives with. SDK 1.38 wraps it in
   * {@code WorkflowExecutionException} and converts the wrapper, so the workflow's own type (e.g.
   * InvalidTransition) is lost while its message survives; update handlers keep their type. Only a
   * TemporalFailure thrown by a validator gets this type, and validators refuse transitions only.
   */
  private static final String VALIDATOR_REJECTION =
      "io.temporal.internal.worker.WorkflowExecutionException";

  public Refusal toRefusal(Exception e, String incidentId) {
    if (e instanceof Refusal error) {
      return error;
    }
    if (e instanceof WorkflowUpdateException update
        && update.getCause() instanceof ApplicationFailure failure) {
      String code =
          VALIDATOR_REJECTION.equals(failure.getType())
              ? "invalid_transition"
              : REFUSALS.get(failure.getType());
      if (code != null) {
        String refusal = RootCause.message(failure);
        log.info("{}: {} refused: {}", incidentId, update.GetUpdateName(), refusal);
        return new Refusal(409, code, refusal);
      }
    }
    if (e instanceof WorkflowUpdateTimeoutOrCancelledException) {
      return new Refusal(
          504,
          "timeout",
          "Incident "
              + incidentId
              + " accepted the command but did not finish it in time; check its state before retrying.");
    }
    if (refusedArgument(e, "search attribute")) {
      log.error(
          "{}: Temporal does not know a search attribute Firebreak sets ({}); register them with "
              + "--register-search-attributes or run without --search-attributes",
          incidentId,
          RootCause.message(e));
      return new Refusal(
          500,
          "search_attributes_missing",
          "Temporal does not know one of Firebreak's search attributes ("
              + SEARCH_ATTRIBUTES
              + "): register them (--register-search-attributes) or run without --search-attributes.");
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof WorkflowNotFoundException) {
        return notFound(incidentId);
      }
      if (cause instanceof StatusRuntimeException grpc) {
        Status.Code code = grpc.getStatus().getCode();
        if (code == Status.Code.NOT_FOUND) {
          return notFound(incidentId);
        }
        if (code == Status.Code.UNAVAILABLE) {
          log.warn("{}: Temporal unavailable", incidentId);
          return new Refusal(
              503,
              "temporal_unavailable",
              "Temporal is not reachable right now; try again shortly.");
        }
        if (code == Status.Code.DEADLINE_EXCEEDED) {
          // Temporal answered too slowly, which is not the same as not at all: usually a workflow
          // that does not answer.
          log.warn("{}: Temporal did not answer in time", incidentId);
          return new Refusal(
              504,
              "timeout",
              (incidentId == null ? "Temporal" : "Incident " + incidentId)
                  + " did not answer in time; if it was a command, check the state before retrying.");
        }
      }
    }
    log.error("{}: unexpected failure", incidentId, e);
    return new Refusal(
        500, "internal", "Something went wrong on our side; the details are in the Firebreak log.");
  }

  /**
   * Whether Temporal refused the call as an invalid argument and said what about: its description
   * mentions {@code subject} (compared without case).
   */
  public static boolean refusedArgument(Throwable e, String subject) {
    String mentioned = subject.toLowerCase(Locale.ROOT);
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException grpc
          && grpc.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
          && String.valueOf(grpc.getStatus().getDescription())
              .toLowerCase(Locale.ROOT)
              .contains(mentioned)) {
        return true;
      }
    }
    return false;
  }

  private static Refusal notFound(String incidentId) {
    return Refusal.notFound(
        incidentId == null
            ? "Not found."
            : "No incident '"
                + incidentId
                + "' (or it has finished and can no longer take commands).");
  }
}
