package dev.firebreak.activities.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.checkboxes;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.incident.ChecklistItem;
import dev.firebreak.workflows.notify.IncidentActions;
import dev.firebreak.workflows.playbook.ActionSpec;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A playbook's controls in Block Kit, the same wherever the playbook is shown (the card the
 * incident posts in its channel, the card a slash command answers with): its checklist as
 * checkboxes (ticking one ticks that step as the clicking person) and a button per action, which
 * asks the action's {@code confirm} question first. The ids are {@link IncidentActions}'s, so the
 * Slack endpoints answer every copy of the card alike.
 */
public final class PlaybookControlsLayout {

  /** Slack's limits: an option's text and description, a button's label, a confirm dialog's. */
  private static final int OPTION_TEXT_MAX = 75;

  private static final int LABEL_MAX = 75;
  private static final int CONFIRM_TITLE_MAX = 100;
  private static final int CONFIRM_TEXT_MAX = 300;

  /** A checkboxes element holds at most 10 options, an actions block at most 25 elements. */
  private static final int STEPS_PER_GROUP = 10;

  private static final int BUTTONS_PER_BLOCK = 25;

  private PlaybookControlsLayout() {}

  /**
   * The checklist and the action buttons.
   *
   * @param checklist the steps as ticked so far (all unticked on a fresh card)
   */
  public static List<LayoutBlock> render(
      String incidentId, PlaybookSpec playbook, List<ChecklistItem> checklist) {
    List<LayoutBlock> blocks = new ArrayList<>();
    for (int from = 0; from < checklist.size(); from += STEPS_PER_GROUP) {
      int group = from / STEPS_PER_GROUP;
      List<OptionObject> options = new ArrayList<>();
      List<OptionObject> ticked = new ArrayList<>();
      for (int i = from; i < Math.min(checklist.size(), from + STEPS_PER_GROUP); i++) {
        OptionObject option = step(incidentId, i + 1, checklist.get(i));
        options.add(option);
        if (checklist.get(i).ticked()) {
          ticked.add(option);
        }
      }
      BlockElement element =
          checkboxes(
              c ->
                  c.actionId(IncidentActions.TICK_CHECKLIST + group)
                      .options(options)
                      .initialOptions(ticked.isEmpty() ? null : ticked));
      blocks.add(actions(a -> a.blockId("playbook_checklist_" + group).elements(List.of(element))));
    }
    List<BlockElement> buttons =
        playbook.actions().stream().map(action -> actionButton(incidentId, action)).toList();
    for (int from = 0; from < buttons.size(); from += BUTTONS_PER_BLOCK) {
      List<BlockElement> some =
          buttons.subList(from, Math.min(buttons.size(), from + BUTTONS_PER_BLOCK));
      String blockId = "playbook_actions_" + from / BUTTONS_PER_BLOCK;
      blocks.add(actions(a -> a.blockId(blockId).elements(some)));
    }
    return blocks;
  }

  /** The steps of a playbook just attached: none is ticked yet. */
  public static List<ChecklistItem> fresh(PlaybookSpec playbook) {
    return playbook.checklist().stream().map(text -> new ChecklistItem(text, null, null)).toList();
  }

  private static OptionObject step(String incidentId, int number, ChecklistItem item) {
    OptionObject.OptionObjectBuilder option =
        OptionObject.builder()
            .text(plainText(Clip.of(number + ". " + item.text(), OPTION_TEXT_MAX)))
            .value(new ChecklistStep(incidentId, number).value());
    if (item.ticked()) {
      option.description(plainText(Clip.of("Done by " + item.tickedBy(), OPTION_TEXT_MAX)));
    }
    return option.build();
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
}
