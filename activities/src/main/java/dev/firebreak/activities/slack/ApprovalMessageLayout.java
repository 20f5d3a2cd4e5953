package dev.firebreak.activities.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import dev.firebreak.workflows.notify.ApprovalRequest;
import dev.firebreak.workflows.notify.IncidentActions;
import dev.firebreak.workflows.playbook.ActionRunWorkflow;
import java.util.List;

/**
 * An approval request in Block Kit: the question and its Approve and Refuse buttons. A playbook
 * action run's request (its subject is the run's workflow id) gets the action-run buttons, a
 * rollback's the rollback ones, so each click reaches the handler that knows its subject.
 */
final class ApprovalMessageLayout {

  private ApprovalMessageLayout() {}

  static SlackMessage render(ApprovalRequest request) {
    // Plain text from the workflow with the requester's reason in it; its *bold* survives escaping.
    String text = SlackText.mrkdwn(request.text(), IncidentMessageLayout.SECTION_TEXT_MAX);
    boolean actionRun =
        request.subjectId() != null
            && request.subjectId().startsWith(ActionRunWorkflow.WORKFLOW_ID_PREFIX);
    return new SlackMessage(
        request.channel(),
        null,
        text,
        List.of(
            section(s -> s.blockId("approval_question").text(markdownText(text))),
            actions(
                a ->
                    a.blockId("approval_actions")
                        .elements(
                            List.of(
                                button(
                                    b ->
                                        b.actionId(
                                                actionRun
                                                    ? IncidentActions.APPROVE_ACTION_RUN
                                                    : IncidentActions.APPROVE_ROLLBACK)
                                            .text(plainText("Approve"))
                                            .style("primary")
                                            .value(request.subjectId())),
                                button(
                                    b ->
                                        b.actionId(
                                                actionRun
                                                    ? IncidentActions.REFUSE_ACTION_RUN
                                                    : IncidentActions.REFUSE_ROLLBACK)
                                            .text(plainText("Refuse"))
                                            .style("danger")
                                            .value(request.subjectId())))))),
        request.key(),
        request.incidentId(),
        false);
  }
}
