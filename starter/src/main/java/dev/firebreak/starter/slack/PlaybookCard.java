package dev.firebreak.starter.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.firebreak.activities.slack.PlaybookControlsLayout;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.incident.PlaybookView;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The card of the playbook an incident follows, in Block Kit: its symptoms, then the controls the
 * incident's channel card carries too ({@link PlaybookControlsLayout}): its checklist as ticked so
 * far and a button per action.
 */
final class PlaybookCard {

  /** Slack's limit on a section's text. */
  private static final int SECTION_MAX = 3000;

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
    blocks.addAll(PlaybookControlsLayout.render(incidentId, spec, playbook.checklist()));
    return new SlackReply(heading, false, blocks);
  }

  private static String clip(CharSequence text) {
    return Clip.of(text.toString(), SECTION_MAX);
  }
}
