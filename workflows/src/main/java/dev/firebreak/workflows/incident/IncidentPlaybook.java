package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.playbook.PlaybookSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The playbook an incident follows and how far its checklist is ticked; carried across
 * continue-as-new.
 *
 * @param attachedBy who attached it; null when it matched at declaration
 */
public record IncidentPlaybook(
    PlaybookSpec spec, List<ChecklistItem> checklist, String attachedBy) {

  public IncidentPlaybook {
    checklist = checklist == null ? List.of() : List.copyOf(checklist);
  }

  /** The playbook with nothing ticked yet. */
  static IncidentPlaybook of(PlaybookSpec spec, String attachedBy) {
    return new IncidentPlaybook(
        spec,
        spec.checklist().stream().map(text -> new ChecklistItem(text, null, null)).toList(),
        attachedBy);
  }

  /**
   * @param item counted from 1
   */
  IncidentPlaybook ticked(int item, String by, Instant at) {
    List<ChecklistItem> items = new ArrayList<>(checklist);
    items.set(item - 1, new ChecklistItem(checklist.get(item - 1).text(), by, at));
    return new IncidentPlaybook(spec, items, attachedBy);
  }

  PlaybookView view() {
    return new PlaybookView(
        spec.name(), spec.title(), spec.symptoms(), checklist, spec.prevention(), attachedBy);
  }
}
