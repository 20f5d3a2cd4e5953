package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.common.HumanDuration;
import java.time.Duration;

/**
 * What a person's answer to a manual step (or its absence) means for the checklist: done, with the
 * timeline's sentence, or failed, with the failure's.
 */
record ManualStepAnswer(boolean done, String text) {

  /** {@code answer} is null when nobody answered within {@code timeout}. */
  static ManualStepAnswer of(MaintenanceStep step, StepConfirmation answer, Duration timeout) {
    if (answer == null) {
      return new ManualStepAnswer(
          false, step.name() + " was not confirmed within " + HumanDuration.of(timeout));
    }
    String note = answer.note() == null || answer.note().isBlank() ? "" : ": " + answer.note();
    if (answer.failed()) {
      return new ManualStepAnswer(false, step.name() + " reported failed by " + answer.by() + note);
    }
    return new ManualStepAnswer(true, "✅ " + step.name() + " confirmed by " + answer.by() + note);
  }
}
