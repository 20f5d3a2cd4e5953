package dev.firebreak.activities.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.firebreak.workflows.notify.IncidentActions;
import dev.firebreak.workflows.notify.MessageControls;
import dev.firebreak.workflows.notify.ThreadMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A thread message with controls in Block Kit: its text, then the playbook's checklist and action
 * buttons, or the Undo button of the action run it reports.
 */
final class ControlledMessageLayout {

  private ControlledMessageLayout() {}

  static SlackMessage render(ThreadMessage message) {
    MessageControls controls = message.controls();
    // Plain text from the workflow with user text in it; its *bold* survives escaping.
    String text = SlackText.mrkdwn(message.text(), IncidentMessageLayout.SECTION_TEXT_MAX);
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.blockId("message_text").text(markdownText(text))));
    if (controls.playbook() != null) {
      blocks.addAll(
          PlaybookControlsLayout.render(
              message.incidentId(),
              controls.playbook(),
              PlaybookControlsLayout.fresh(controls.playbook())));
    }
    if (controls.undoRunId() != null) {
      blocks.add(
          actions(
              a ->
                  a.blockId("action_run_actions")
                      .elements(
                          List.of(
                              button(
                                  b ->
                                      b.actionId(IncidentActions.UNDO_ACTION_RUN)
                                          .text(plainText("Undo"))
                                          .value(controls.undoRunId()))))));
    }
    return new SlackMessage(
        message.channel(),
        message.threadTs(),
        text,
        blocks,
        message.key(),
        message.incidentId(),
        false);
  }
}
