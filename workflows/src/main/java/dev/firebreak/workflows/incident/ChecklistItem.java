package dev.firebreak.workflows.incident;

import java.time.Instant;

/**
 * One resolution step of the incident's playbook and whether a responder ticked it.
 *
 * @param tickedBy who ticked it; null while it is open
 */
public record ChecklistItem(String text, String tickedBy, Instant tickedAt) {

  public boolean ticked() {
    return tickedBy != null;
  }
}
