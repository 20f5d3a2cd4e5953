package dev.firebreak.activities.slack;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.ApprovalRequest;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.activity.Activity;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident room in Slack: the incident's own channel with the one incident message, kept
 * current, and the thread under it; plus one announcement in the main incidents channel that links
 * to the room.
 */
public final class SlackChatActivities implements ChatActivities {

  private static final Logger log = LoggerFactory.getLogger(SlackChatActivities.class);

  private final SlackClient slack;
  private final IncidentRooms rooms;

  public SlackChatActivities(SlackClient slack, IncidentRooms rooms) {
    this.slack = slack;
    this.rooms = rooms;
  }

  @Override
  public MessageRef postIncidentMessage(IncidentCard card) {
    MessageRef message = openIncidentMessage(card);
    announceIncidentMessage(card, message);
    return message;
  }

  /**
   * Opens the room and posts the incident message in it first, then invites the commander and sets
   * the topic: the message is what people are waiting for. Every step finds what an earlier attempt
   * did, so a retry at any point completes the room without doubling anything.
   */
  @Override
  public MessageRef openIncidentMessage(IncidentCard card) {
    SlackChannel room = rooms.open(card.incidentId(), card.title());
    PostedMessage posted =
        slack.post(IncidentMessageLayout.render(card).inChannel(room.id()), isRetry());
    log.info("{} incident message in room {} ({})", card.incidentId(), room.id(), posted.ts());
    // Invited every attempt: a lost answer to conversations.create hides that this attempt's room
    // is new.
    rooms.invite(room, card.incidentId(), commander(card));
    rooms.showState(room, card);
    return new MessageRef(posted.channelId(), posted.ts(), false);
  }

  @Override
  public Delivery announceIncidentMessage(IncidentCard card, MessageRef message) {
    PostedMessage announced =
        slack.post(IncidentMessageLayout.announcement(card, message.channel()), isRetry());
    log.info(
        "{} room {} announced in {}", card.incidentId(), message.channel(), announced.describe());
    return Delivery.sent("announced " + announced.describe());
  }

  @Override
  public Delivery updateIncidentMessage(MessageRef message, IncidentCard card) {
    // The ref holds the channel ID Slack answered with; the card may still name the channel.
    slack.update(message.ts(), IncidentMessageLayout.render(card).inChannel(message.channel()));
    rooms
        .roomAt(message.channel(), card.incidentId())
        .filter(room -> rooms.showState(room, card))
        .ifPresent(room -> rooms.invite(room, card.incidentId(), commander(card)));
    return Delivery.sent("updated Slack message " + message.channel() + "/" + message.ts());
  }

  @Override
  public Delivery askForApproval(ApprovalRequest request) {
    PostedMessage posted = slack.post(ApprovalMessageLayout.render(request), isRetry());
    log.info(
        "{} approval of {} asked in {}",
        request.incidentId(),
        request.subjectId(),
        posted.describe());
    return Delivery.sent("asked for approval in " + posted.describe());
  }

  @Override
  public Delivery post(ThreadMessage message) {
    // The workflow writes plain text with user text inside (an update, a commander, a post-mortem),
    // and its only markup is *bold*, which escaping leaves alone; so the whole text is escaped.
    SlackMessage slackMessage =
        message.controls() == null
            ? SlackMessage.text(
                message.channel(),
                message.threadTs(),
                SlackText.mrkdwn(message.text(), IncidentMessageLayout.MESSAGE_TEXT_MAX),
                message.key(),
                message.incidentId())
            : ControlledMessageLayout.render(message);
    PostedMessage posted = slack.post(slackMessage, isRetry());
    if (message.bookmark() == null) {
      return Delivery.sent("posted " + posted.describe());
    }
    boolean added = rooms.bookmark(posted.channelId(), message.bookmark(), posted.ts());
    log.info(
        "{} {} bookmarked as \"{}\"{}",
        message.incidentId(),
        posted.describe(),
        message.bookmark(),
        added ? "" : " (by an earlier attempt)");
    return Delivery.sent("posted and bookmarked " + posted.describe());
  }

  private static List<String> commander(IncidentCard card) {
    return card.commander() == null ? List.of() : List.of(card.commander());
  }

  /**
   * A retry may follow an attempt whose message Slack stored but whose answer was lost; only then
   * is the history searched, so a first attempt costs one call.
   */
  private static boolean isRetry() {
    return Activity.getExecutionContext().getInfo().getAttempt() > 1;
  }
}
