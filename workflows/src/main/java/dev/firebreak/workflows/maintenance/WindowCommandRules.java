package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.common.Refusals;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;

/**
 * Which commands a window takes in its current state. The validators call these before an update is
 * accepted, so a refused command leaves no trace in history and the caller reads why.
 */
final class WindowCommandRules {

  private WindowCommandRules() {}

  static void extend(
      Extension extension, Instant start, Instant end, MaintenanceStatus status, String id) {
    requirePerson(extension == null ? null : extension.by(), "extending");
    requireNotFinished(status, id);
    if (extension.until() == null || !extension.until().isAfter(end)) {
      throw refusal("'until' must be later than the planned end " + end);
    }
    if (Duration.between(start, extension.until()).compareTo(MaintenanceLimits.MAX_LENGTH) > 0) {
      throw refusal(
          "'until' "
              + extension.until()
              + " would make the window last more than "
              + MaintenanceLimits.MAX_LENGTH.toDays()
              + " days");
    }
  }

  static void abort(Abort abort, Abort pending, MaintenanceStatus status, String id) {
    requirePerson(abort == null ? null : abort.by(), "aborting");
    requireNotFinished(status, id);
    if (pending != null) {
      throw refusal(id + " is already being aborted by " + pending.by());
    }
  }

  /** {@code waitingFor} is the manual step waiting for a person; null when none is. */
  static void confirmStep(
      StepConfirmation answer,
      String waitingFor,
      boolean answered,
      MaintenanceStatus status,
      String id) {
    requirePerson(answer == null ? null : answer.by(), "confirming");
    if (waitingFor == null || answered) {
      throw refusal(id + " is not waiting for a manual step (it is " + status + ")");
    }
    if (answer.step() != null && !answer.step().isBlank() && !answer.step().equals(waitingFor)) {
      throw refusal(id + " is waiting for '" + waitingFor + "', not '" + answer.step() + "'");
    }
  }

  /** An abort's reason as the timeline and the ending say it. */
  static Abort accepted(Abort abort) {
    return new Abort(
        abort.by(),
        abort.reason() == null || abort.reason().isBlank() ? "no reason given" : abort.reason());
  }

  private static void requireNotFinished(MaintenanceStatus status, String id) {
    if (status.isFinal()) {
      throw refusal(id + " has already ended (" + status + ")");
    }
  }

  private static void requirePerson(String by, String what) {
    if (by == null || by.isBlank()) {
      throw refusal("'by' is required: say who is " + what + " the window");
    }
  }

  private static ApplicationFailure refusal(String message) {
    return ApplicationFailure.newFailure(message, Refusals.INVALID_TRANSITION);
  }
}
