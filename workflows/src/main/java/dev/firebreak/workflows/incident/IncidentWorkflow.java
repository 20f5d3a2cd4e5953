package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.playbook.ActionOrder;
import dev.firebreak.workflows.playbook.ActionRunReport;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackReport;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One incident, from declaration to the reviewed post-mortem. Workflow id: {@code incident-<id>}.
 */
@WorkflowInterface
public interface IncidentWorkflow {

  static String workflowId(String incidentId) {
    return "incident-" + incidentId;
  }

  @WorkflowMethod
  IncidentOutcome run(IncidentInput state);

  @UpdateMethod(description = "Acknowledge the incident; stops escalation at once")
  IncidentView acknowledge(Acknowledgement ack);

  @UpdateValidatorMethod(updateName = "acknowledge")
  void validateAcknowledge(Acknowledgement ack);

  @UpdateMethod(
      description =
          "Post a responder update (what we found, ETA, actions); resets the update timer")
  IncidentView postUpdate(ResponderUpdate update);

  @UpdateValidatorMethod(updateName = "postUpdate")
  void validatePostUpdate(ResponderUpdate update);

  @UpdateMethod(description = "Change the severity; ack timeout and update interval follow it")
  IncidentView changeSeverity(SeverityChange change);

  @UpdateValidatorMethod(updateName = "changeSeverity")
  void validateChangeSeverity(SeverityChange change);

  @UpdateMethod(description = "Hand the incident to another commander")
  IncidentView assignCommander(CommanderAssignment assignment);

  @UpdateValidatorMethod(updateName = "assignCommander")
  void validateAssignCommander(CommanderAssignment assignment);

  @UpdateMethod(description = "Record a mitigation a responder applied")
  IncidentView recordMitigation(Mitigation mitigation);

  @UpdateValidatorMethod(updateName = "recordMitigation")
  void validateRecordMitigation(Mitigation mitigation);

  @UpdateMethod(
      description = "Resolve: runs the health checks and refuses while any fails; then monitors")
  IncidentView resolve(Resolution resolution);

  @UpdateValidatorMethod(updateName = "resolve")
  void validateResolve(Resolution resolution);

  @UpdateMethod(description = "Reopen a resolved incident into mitigating")
  IncidentView reopen(Reopening reopening);

  @UpdateValidatorMethod(updateName = "reopen")
  void validateReopen(Reopening reopening);

  @UpdateMethod(
      description = "Add root cause, impact, prevention tasks or lessons to the post-mortem")
  IncidentView contributeToPostMortem(PostMortemInput input);

  @UpdateValidatorMethod(updateName = "contributeToPostMortem")
  void validateContributeToPostMortem(PostMortemInput input);

  @UpdateMethod(description = "Mark the post-mortem reviewed; closes the incident")
  IncidentView markPostMortemReviewed(PostMortemReview review);

  @UpdateValidatorMethod(updateName = "markPostMortemReviewed")
  void validateMarkPostMortemReviewed(PostMortemReview review);

  @UpdateMethod(
      description = "Give the incident a playbook: its symptoms, checklist and prevention")
  IncidentView attachPlaybook(PlaybookAttachment attachment);

  @UpdateValidatorMethod(updateName = "attachPlaybook")
  void validateAttachPlaybook(PlaybookAttachment attachment);

  @UpdateMethod(description = "Tick one step of the playbook's checklist")
  IncidentView tickChecklist(ChecklistTick tick);

  @UpdateValidatorMethod(updateName = "tickChecklist")
  void validateTickChecklist(ChecklistTick tick);

  @SignalMethod(description = "Add a note to the timeline")
  void addNote(Note note);

  @UpdateMethod(
      description =
          "Roll a service back (RollbackWorkflow as a child); its result arrives as recordRollback")
  IncidentView rollback(RollbackOrder order);

  @UpdateValidatorMethod(updateName = "rollback")
  void validateRollback(RollbackOrder order);

  @SignalMethod(description = "Record how a rollback for this incident ended")
  void recordRollback(RollbackReport report);

  @UpdateMethod(
      description =
          "Run a playbook action (ActionRunWorkflow as a child); its reports arrive as"
              + " recordActionRun")
  IncidentView runAction(ActionOrder order);

  @UpdateValidatorMethod(updateName = "runAction")
  void validateRunAction(ActionOrder order);

  @SignalMethod(description = "Record an action run's approval request or its ending")
  void recordActionRun(ActionRunReport report);

  @SignalMethod(
      description =
          "An alert with this incident's fingerprint fired or resolved: counted, never paged again")
  void alert(AlertReceived alert);

  @QueryMethod(description = "Status, severity, commander, latest update, suggestions and timeline")
  IncidentView state();

  @QueryMethod(description = "The timeline, oldest first")
  List<TimelineEntry> timeline();

  @QueryMethod(
      description = "The post-mortem report in Markdown (a draft until the incident is resolved)")
  String postMortem();
}
