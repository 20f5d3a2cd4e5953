package dev.firebreak.starter.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.incident.ChecklistItem;
import dev.firebreak.workflows.incident.PlaybookView;
import dev.firebreak.workflows.notify.IncidentActions;
import dev.firebreak.workflows.playbook.ActionSpec;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The card of the playbook an incident follows, in Block Kit: its symptoms, its checklist as ticked
 * so far, and a button per action. A button asks the action's {@code confirm} question first
 * (Slack's confirm dialog); its id is {@link IncidentActions#RUN_PLAYBOOK_ACTION} and the action's
 * name, its value the incident id.
 */
final class PlaybookCard {

  /** Slack's limits: a section's text, a button's label, a confirm dialog's title and text. */
  private static final int SECTION_MAX = 3000;

  private static final int LABEL_MAX = 75;
  private static final int CONFIRM_TITLE_MAX = 100;
  private static final int CONFIRM_TEXT_MAX = 300;

  /** An actions block holds at most 25 elements. */
  private static final int BUTTONS_PER_BLOCK = 25;

  private PlaybookCard() {}

  static SlackReply render(String incidentId, PlaybookView playbook, PlaybookSpec spec) {
    String heading =
        "📖 *"
            + incidentId
            + "* follows *"
            + SlackMarkup.escape(playbook.title())
            + "* (`"
            + SlackMarkup.escape(playbook.name())
            + "`)";
    List<LayoutBlock> blocks = new ArrayList<>();
    StringBuilder about = new StringBuilder(heading);
    if (playbook.symptoms() != null && !playbook.symptoms().isBlank()) {
      about.append("\n").append(SlackMarkup.escape(playbook.symptoms()));
    }
    blocks.add(section(s -> s.blockId("playbook_about").text(markdownText(clip(about)))));
    if (!playbook.checklist().isEmpty()) {
      StringBuilder checklist = new StringBuilder("*Checklist*");
      for (int i = 0; i < playbook.checklist().size(); i++) {
        ChecklistItem item = playbook.checklist().get(i);
        checklist
            .append("\n")
            .append(item.ticked() ? "☑ " : "☐ ")
            .append(i + 1)
            .append(". ")
            .append(SlackMarkup.escape(item.text()));
        if (item.ticked()) {
          checklist.append(" (").append(SlackMarkup.withMentions(item.tickedBy())).append(")");
        }
      }
      blocks.add(section(s -> s.blockId("playbook_checklist").text(markdownText(clip(checklist)))));
    }
    List<BlockElement> buttons =
        spec.actions().stream().map(action -> actionButton(incidentId, action)).toList();
    for (int from = 0; from < buttons.size(); from += BUTTONS_PER_BLOCK) {
      List<BlockElement> some =
          buttons.subList(from, Math.min(buttons.size(), from + BUTTONS_PER_BLOCK));
      String blockId = "playbook_actions_" + from / BUTTONS_PER_BLOCK;
      blocks.add(actions(a -> a.blockId(blockId).elements(some)));
    }
    return new SlackReply(heading, false, blocks);
  }

  private static BlockElement actionButton(String incidentId, ActionSpec action) {
    String label = action.title() + (action.approval() != null ? " (needs approval)" : "");
    return button(
        b -> {
          b.actionId(IncidentActions.RUN_PLAYBOOK_ACTION + action.name())
              .text(plainText(Clip.of(label, LABEL_MAX)))
              .value(incidentId);
          if (action.confirm() != null && !action.confirm().isBlank()) {
            b.confirm(
                confirmationDialog(
                    c ->
                        c.title(plainText(Clip.of(action.title() + "?", CONFIRM_TITLE_MAX)))
                            .text(plainText(Clip.of(action.confirm(), CONFIRM_TEXT_MAX)))
                            .confirm(plainText("Run"))
                            .deny(plainText("Cancel"))));
          }
          return b;
        });
  }

  private static String clip(CharSequence text) {
    return Clip.of(text.toString(), SECTION_MAX);
  }
}
