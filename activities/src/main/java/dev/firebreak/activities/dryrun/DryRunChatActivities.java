package dev.firebreak.activities.dryrun;

import dev.firebreak.activities.slack.IncidentRooms;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.ApprovalRequest;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.IncidentRoomName;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.ThreadMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident room when Slack is not configured: every call is logged as the Slack Web API call it
 * would have been (the room it would create included) and reported back as a dry-run. The fake
 * message timestamp is derived from the card's key, so a retried post returns the same reference,
 * as the real implementation must.
 */
public final class DryRunChatActivities implements ChatActivities {

  private static final Logger log = LoggerFactory.getLogger(DryRunChatActivities.class);
  private static final String SLACK_API = "https://slack.com/api/";

  private final boolean privateChannels;

  /**
   * @param privateChannels whether the rooms it shows would be private channels
   */
  public DryRunChatActivities(boolean privateChannels) {
    this.privateChannels = privateChannels;
  }

  @Override
  public MessageRef postIncidentMessage(IncidentCard card) {
    MessageRef message = openIncidentMessage(card);
    announceIncidentMessage(card, message);
    return message;
  }

  @Override
  public MessageRef openIncidentMessage(IncidentCard card) {
    String room = "#" + IncidentRoomName.of(card.incidentId(), card.title());
    DryRunCall.log(
        log,
        card.incidentId(),
        "POST "
            + SLACK_API
            + "conversations.create name="
            + room.substring(1)
            + " is_private="
            + privateChannels);
    if (card.commander() != null) {
      DryRunCall.log(
          log,
          card.incidentId(),
          "POST "
              + SLACK_API
              + "conversations.invite channel="
              + room
              + " users="
              + card.commander());
    }
    DryRunCall.log(
        log,
        card.incidentId(),
        "POST "
            + SLACK_API
            + "conversations.setTopic channel="
            + room
            + " topic="
            + DryRunCall.quote(IncidentRooms.topic(card)));
    DryRunCall.log(
        log,
        card.incidentId(),
        "POST "
            + SLACK_API
            + "chat.postMessage channel="
            + room
            + " text="
            + DryRunCall.quote(cardText(card)));
    return new MessageRef(room, "dry-run-" + card.key(), true);
  }

  @Override
  public Delivery announceIncidentMessage(IncidentCard card, MessageRef message) {
    return DryRunCall.log(
        log,
        card.incidentId(),
        "POST "
            + SLACK_API
            + "chat.postMessage channel="
            + card.channel()
            + " text="
            + DryRunCall.quote(card.incidentId() + " declared; follow it in " + message.channel()));
  }

  @Override
  public Delivery updateIncidentMessage(MessageRef message, IncidentCard card) {
    String call =
        SLACK_API
            + "chat.update channel="
            + message.channel()
            + " ts="
            + message.ts()
            + " text="
            + DryRunCall.quote(cardText(card));
    return DryRunCall.log(log, card.incidentId(), "POST " + call);
  }

  @Override
  public Delivery askForApproval(ApprovalRequest request) {
    return DryRunCall.log(
        log,
        request.incidentId(),
        "POST "
            + SLACK_API
            + "chat.postMessage channel="
            + request.channel()
            + " text="
            + DryRunCall.quote(request.text())
            + " buttons=[Approve, Refuse] value="
            + request.subjectId());
  }

  @Override
  public Delivery post(ThreadMessage message) {
    String thread = message.threadTs() == null ? "" : " thread_ts=" + message.threadTs();
    String call =
        SLACK_API
            + "chat.postMessage channel="
            + message.channel()
            + thread
            + " text="
            + DryRunCall.quote(message.text());
    return DryRunCall.log(log, message.incidentId(), "POST " + call);
  }

  /** The card's fallback text: what Slack shows in notifications for a Block Kit message. */
  private static String cardText(IncidentCard card) {
    StringBuilder text =
        new StringBuilder()
            .append('[')
            .append(card.severity())
            .append("] ")
            .append(card.incidentId())
            .append(": ")
            .append(card.title())
            .append(" (")
            .append(card.status());
    if (card.service() != null) {
      text.append(", ").append(card.service());
    }
    if (card.commander() != null) {
      text.append(", commander ").append(card.commander());
    }
    if (card.acknowledgedBy() != null) {
      text.append(", acknowledged by ").append(card.acknowledgedBy());
    }
    text.append(')');
    if (card.latestUpdate() != null) {
      text.append(" latest: ").append(card.latestUpdate());
    }
    return text.toString();
  }
}
