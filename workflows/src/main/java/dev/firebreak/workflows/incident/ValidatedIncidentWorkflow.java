package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.playbook.ActionOrder;
import dev.firebreak.workflows.rollback.RollbackOrder;

/**
 * The incident's update validators: each refuses a command that cannot apply before it reaches
 * history, with the sentence {@link IncidentCommandRules} words. Kept apart from the handlers so
 * the workflow class reads as the loop and what each command does.
 */
abstract class ValidatedIncidentWorkflow implements IncidentWorkflow {

  abstract IncidentCommandRules refusals();

  @Override
  public void validateAcknowledge(Acknowledgement ack) {
    refusals().acknowledge(ack);
  }

  @Override
  public void validatePostUpdate(ResponderUpdate update) {
    refusals().postUpdate(update);
  }

  @Override
  public void validateChangeSeverity(SeverityChange change) {
    refusals().changeSeverity(change);
  }

  @Override
  public void validateAssignCommander(CommanderAssignment assignment) {
    refusals().assignCommander(assignment);
  }

  @Override
  public void validateRecordMitigation(Mitigation mitigation) {
    refusals().recordMitigation(mitigation);
  }

  @Override
  public void validateResolve(Resolution resolution) {
    refusals().resolve(resolution);
  }

  @Override
  public void validateReopen(Reopening reopening) {
    refusals().reopen(reopening);
  }

  @Override
  public void validateContributeToPostMortem(PostMortemInput input) {
    refusals().contributeToPostMortem(input);
  }

  @Override
  public void validateMarkPostMortemReviewed(PostMortemReview review) {
    refusals().markPostMortemReviewed(review);
  }

  @Override
  public void validateAttachPlaybook(PlaybookAttachment attachment) {
    refusals().attachPlaybook(attachment);
  }

  @Override
  public void validateTickChecklist(ChecklistTick tick) {
    refusals().tickChecklist(tick);
  }

  @Override
  public void validateRollback(RollbackOrder order) {
    refusals().rollback(order);
  }

  @Override
  public void validateRunAction(ActionOrder order) {
    refusals().runAction(order);
  }
}
