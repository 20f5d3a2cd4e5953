package dev.firebreak.activities.slack;

import dev.firebreak.workflows.notify.IncidentActions;
import java.util.Optional;

/**
 * A playbook checklist's step as a card's checkbox names it: the incident and the step's number
 * (from 1), written as the option's value so a click says which step of which incident it ticks.
 */
public record ChecklistStep(String incidentId, int item) {

  /** The option's value: the incident id, {@link IncidentActions#CHECKLIST_STEP_SEPARATOR}, n. */
  public String value() {
    return incidentId + IncidentActions.CHECKLIST_STEP_SEPARATOR + item;
  }

  /** The step an option's value names; empty when it names none. */
  public static Optional<ChecklistStep> parse(String value) {
    int at = value == null ? -1 : value.lastIndexOf(IncidentActions.CHECKLIST_STEP_SEPARATOR);
    if (at <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ChecklistStep(value.substring(0, at), Integer.parseInt(value.substring(at + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
