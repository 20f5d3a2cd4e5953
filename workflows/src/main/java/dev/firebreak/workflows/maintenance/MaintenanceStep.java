package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.action.HttpAction;

/**
 * One checklist line: either a configured HTTP action or a manual step a person confirms.
 *
 * @param action the call to make; null for a manual step
 * @param instruction what the person must do, for a manual step; null otherwise
 */
public record MaintenanceStep(String name, HttpAction action, String instruction) {

  public boolean manual() {
    return action == null;
  }
}
