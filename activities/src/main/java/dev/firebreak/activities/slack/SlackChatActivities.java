package dev.firebreak.activities.slack;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.activity.Activity;

/** The incident room in Slack: the one incident message, kept current, and the thread under it. */
public final class SlackChatActivities implements ChatActivities {

  private final SlackClient slack;

  public SlackChatActivities(SlackClient slack) {
    this.slack = slack;
  }

  @Override
  public MessageRef postIncidentMessage(IncidentCard card) {
    PostedMessage posted = slack.post(IncidentMessageLayout.render(card), isRetry());
    return new MessageRef(posted.channelId(), posted.ts(), false);
  }

  @Override
  public Delivery updateIncidentMessage(MessageRef message, IncidentCard card) {
    // The ref holds the channel ID Slack answered with; the card may still name the channel.
    slack.update(message.ts(), IncidentMessageLayout.render(card).inChannel(message.channel()));
    return Delivery.sent("updated Slack message " + message.channel() + "/" + message.ts());
  }

  @Override
  public Delivery post(ThreadMessage message) {
    // The workflow writes this text as mrkdwn on purpose (mentions, bold), so it is cut, not escaped.
    SlackMessage slackMessage = SlackMessage.text(message.channel(), message.threadTs(),
        SlackText.truncate(message.text(), IncidentMessageLayout.MESSAGE_TEXT_MAX), message.key(),
        message.incidentId());
    return Delivery.sent("posted " + slack.post(slackMessage, isRetry()).describe());
  }

  /**
   * A retry may follow an attempt whose message Slack stored but whose answer was lost; only then is
   * the history searched, so a first attempt costs one call.
   */
  private static boolean isRetry() {
    return Activity.getExecutionContext().getInfo().getAttempt() > 1;
  }
}
