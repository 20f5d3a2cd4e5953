package dev.firebreak.activities.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.notify.IncidentActions;
import dev.firebreak.workflows.notify.IncidentCard;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The incident message in Block Kit (docs/providers.md §2): a header, the facts as two-column
 * fields, the latest update, a context line and the buttons. Every piece of user text is cut to its
 * Block Kit limit here, because one field over its limit makes Slack refuse the whole message.
 */
final class IncidentMessageLayout {

  static final String ACK_ACTION = IncidentActions.ACKNOWLEDGE;
  static final String UPDATE_ACTION = IncidentActions.POST_UPDATE;
  static final String RESOLVE_ACTION = IncidentActions.RESOLVE;
  static final String ROLL_BACK_ACTION = IncidentActions.ROLL_BACK;

  // Block Kit and Web API limits.
  static final int HEADER_MAX = 150;
  static final int SECTION_TEXT_MAX = 3000;
  static final int FIELD_MAX = 2000;
  static final int CONTEXT_TEXT_MAX = 2000;
  static final int CONFIRM_TEXT_MAX = 300;
  static final int CONFIRM_TITLE_MAX = 100;

  /**
   * chat.update refuses text over 4,000 characters ({@code msg_too_long}), so posts stay under it
   * too.
   */
  static final int MESSAGE_TEXT_MAX = 4000;

  private static final DateTimeFormatter FALLBACK_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private IncidentMessageLayout() {}

  static SlackMessage render(IncidentCard card) {
    List<LayoutBlock> blocks =
        new ArrayList<>(
            List.of(
                header(
                    h ->
                        h.blockId("inc_header")
                            .text(plainText(SlackText.truncate(headline(card), HEADER_MAX)))),
                section(s -> s.blockId("inc_fields").fields(fields(card))),
                section(s -> s.blockId("inc_update").text(markdownText(latestUpdate(card)))),
                context(
                    c ->
                        c.blockId("inc_context")
                            .elements(
                                List.of(
                                    markdownText(
                                        SlackText.truncate(
                                            "Incident "
                                                + SlackText.escape(card.incidentId())
                                                + " · post updates with `/incident update "
                                                + SlackText.escape(card.incidentId())
                                                + "`",
                                            CONTEXT_TEXT_MAX)))))));
    List<BlockElement> buttons = buttons(card);
    if (!buttons.isEmpty()) {
      // A new block_id once acknowledged: Slack asks for one whenever an updated message changes a
      // block.
      String blockId = card.acknowledgedBy() == null ? "inc_actions" : "inc_actions_acked";
      blocks.add(actions(a -> a.blockId(blockId).elements(buttons)));
    }
    return new SlackMessage(
        card.channel(), null, fallbackText(card), blocks, card.key(), card.incidentId(), false);
  }

  /**
   * The one line in the main incidents channel that says an incident exists and where it is
   * handled; {@code <#C…>} renders as a link into the room.
   */
  static SlackMessage announcement(IncidentCard card, String roomId) {
    String commander =
        card.commander() == null ? "" : " · commander " + SlackMention.person(card.commander());
    String text =
        severityEmoji(card.severity())
            + " *"
            + SlackText.escape(card.severity())
            + " "
            + SlackText.escape(card.incidentId())
            + "* "
            + SlackText.escape(card.title())
            + " ("
            + SlackText.escape(orDash(card.service()))
            + ")"
            + commander
            + "\nFollow and help in <#"
            + roomId
            + ">";
    return SlackMessage.text(
        card.channel(),
        null,
        SlackText.truncate(text, MESSAGE_TEXT_MAX),
        card.incidentId() + "/room-announcement",
        card.incidentId());
  }

  private static String headline(IncidentCard card) {
    return severityEmoji(card.severity())
        + " "
        + card.severity()
        + " · "
        + card.incidentId()
        + " · "
        + card.title();
  }

  private static String severityEmoji(String severity) {
    return switch (severity == null ? "" : severity) {
      case "P0" -> "🔴";
      case "P1" -> "🟠";
      case "P2" -> "🟡";
      case "P3" -> "🔵";
      case "P4" -> "⚪";
      default -> "⚠️";
    };
  }

  private static List<TextObject> fields(IncidentCard card) {
    List<TextObject> fields =
        new ArrayList<>(
            List.of(
                field("Severity", SlackText.escape(orDash(card.severity()))),
                field("Status", SlackText.escape(orDash(card.status()))),
                field(
                    "Commander",
                    card.commander() == null
                        ? "_unassigned_"
                        : SlackMention.person(card.commander())),
                field("Service", SlackText.escape(orDash(card.service()))),
                field("Declared", declared(card))));
    if (card.acknowledgedBy() != null) {
      fields.add(field("Acknowledged by", SlackMention.person(card.acknowledgedBy())));
    }
    return fields;
  }

  private static TextObject field(String label, String mrkdwnValue) {
    return markdownText(SlackText.truncate("*" + label + "*\n" + mrkdwnValue, FIELD_MAX));
  }

  private static String declared(IncidentCard card) {
    if (card.declaredAt() == null) {
      return "—";
    }
    // Slack renders <!date^…> in each reader's own time zone; the text after | is for old clients.
    return "<!date^"
        + card.declaredAt().getEpochSecond()
        + "^{date_short_pretty} {time}|"
        + FALLBACK_TIME.format(card.declaredAt())
        + ">";
  }

  private static String latestUpdate(IncidentCard card) {
    String label = "*Latest update*\n";
    String update =
        card.latestUpdate() == null || card.latestUpdate().isBlank()
            ? "_No update yet._"
            : SlackText.escape(card.latestUpdate());
    return SlackText.truncate(label + update, SECTION_TEXT_MAX);
  }

  private static List<BlockElement> buttons(IncidentCard card) {
    if (!isOpen(card.status())) {
      return List.of();
    }
    List<BlockElement> buttons = new ArrayList<>();
    if (card.acknowledgedBy() == null) {
      buttons.add(
          button(
              b ->
                  b.actionId(ACK_ACTION)
                      .text(plainText("Acknowledge"))
                      .style("primary")
                      .value(card.incidentId())));
    }
    buttons.add(
        button(
            b ->
                b.actionId(UPDATE_ACTION).text(plainText("Post update")).value(card.incidentId())));
    buttons.add(
        confirmed(
            RESOLVE_ACTION,
            "Resolve",
            null,
            card,
            "Marks "
                + card.incidentId()
                + " resolved and starts the monitoring period: "
                + card.title()));
    if (card.rollbackSuggestion() != null) {
      buttons.add(
          confirmed(
              ROLL_BACK_ACTION,
              "Roll back",
              "danger",
              card,
              card.rollbackSuggestion()
                  + " Firebreak runs the rollback, waits until it is live and checks health."));
    }
    return buttons;
  }

  /** A button that asks "are you sure?" first, the dialog titled with the button's own word. */
  private static BlockElement confirmed(
      String actionId, String label, String style, IncidentCard card, String question) {
    return button(
        b ->
            b.actionId(actionId)
                .text(plainText(label))
                .style(style)
                .value(card.incidentId())
                .confirm(
                    confirmationDialog(
                        c ->
                            c.title(
                                    plainText(
                                        SlackText.truncate(
                                            label + " " + card.incidentId() + "?",
                                            CONFIRM_TITLE_MAX)))
                                .text(markdownText(SlackText.mrkdwn(question, CONFIRM_TEXT_MAX)))
                                .confirm(plainText(label))
                                .deny(plainText("Cancel")))));
  }

  /**
   * Unknown statuses keep their buttons: hiding Resolve from a live incident is the worse mistake.
   */
  private static boolean isOpen(String status) {
    return Arrays.stream(IncidentStatus.values())
        .filter(s -> s.name().equalsIgnoreCase(status) || s.label().equalsIgnoreCase(status))
        .findFirst()
        .map(IncidentStatus::isOpen)
        .orElse(true);
  }

  private static String fallbackText(IncidentCard card) {
    String acknowledged =
        card.acknowledgedBy() == null ? "" : " (acknowledged by " + card.acknowledgedBy() + ")";
    return SlackText.mrkdwn(
        "["
            + card.severity()
            + "] "
            + card.incidentId()
            + " "
            + card.title()
            + " — "
            + orDash(card.status())
            + acknowledged,
        MESSAGE_TEXT_MAX);
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }
}
