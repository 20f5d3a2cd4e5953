package dev.firebreak.starter.incidents;

import dev.firebreak.workflows.incident.Acknowledgement;
import dev.firebreak.workflows.incident.CommanderAssignment;
import dev.firebreak.workflows.incident.Mitigation;
import dev.firebreak.workflows.incident.PostMortemInput;
import dev.firebreak.workflows.incident.PostMortemReview;
import dev.firebreak.workflows.incident.Reopening;
import dev.firebreak.workflows.incident.Resolution;
import dev.firebreak.workflows.incident.ResponderUpdate;
import dev.firebreak.workflows.incident.SeverityChange;
import java.util.List;

/**
 * The commands {@code POST /api/v1/incidents/{id}/<path>} sends to an incident as Temporal updates:
 * the request body is the workflow's own command record, so the API adds no second vocabulary.
 * {@code required} fields must be present and not blank.
 */
public enum IncidentAction {
  ACKNOWLEDGE("ack", "acknowledge", Acknowledgement.class),
  UPDATE("updates", "postUpdate", ResponderUpdate.class, "text"),
  RESOLVE("resolve", "resolve", Resolution.class),
  CHANGE_SEVERITY("severity", "changeSeverity", SeverityChange.class, "severity"),
  ASSIGN_COMMANDER("commander", "assignCommander", CommanderAssignment.class, "commander"),
  RECORD_MITIGATION("mitigations", "recordMitigation", Mitigation.class, "action"),
  REOPEN("reopen", "reopen", Reopening.class, "reason"),
  CONTRIBUTE_TO_POST_MORTEM("postmortem/input", "contributeToPostMortem", PostMortemInput.class),
  REVIEW_POST_MORTEM("postmortem/review", "markPostMortemReviewed", PostMortemReview.class);

  public final String path;
  public final String updateName;
  public final Class<? extends Record> command;
  public final List<String> required;

  IncidentAction(
      String path, String updateName, Class<? extends Record> command, String... required) {
    this.path = path;
    this.updateName = updateName;
    this.command = command;
    this.required = List.of(required);
  }
}
