package dev.firebreak.activities.slack;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import io.temporal.activity.Activity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages people by inviting them into the incident's room and mentioning them there. It reaches
 * {@code slack:} targets only; any other target is named in the delivery and logged, never dropped
 * quietly, because a page that silently reached nobody is the worst outcome an escalation can have.
 */
public final class SlackPagingActivities implements PagingActivities {

  private static final Logger log = LoggerFactory.getLogger(SlackPagingActivities.class);

  private final SlackClient slack;
  private final IncidentRooms rooms;

  public SlackPagingActivities(SlackClient slack, IncidentRooms rooms) {
    this.slack = slack;
    this.rooms = rooms;
  }

  @Override
  public Delivery page(PageRequest request) {
    Set<String> mentions = new LinkedHashSet<>();
    List<String> unreachable = new ArrayList<>();
    for (String target : request.targets()) {
      Optional<String> mention =
          request.channel() != null && target.startsWith(SlackMention.TARGET_SCHEME)
              ? SlackMention.of(target)
              : Optional.empty();
      mention.ifPresentOrElse(mentions::add, () -> unreachable.add(target));
    }
    String notReached = "";
    if (!unreachable.isEmpty()) {
      log.warn(
          "{} page {}: Slack paging cannot reach {} (channel {})",
          request.incidentId(),
          request.key(),
          unreachable,
          request.channel());
      notReached = "; not reachable by Slack paging: " + String.join(", ", unreachable);
    }
    if (mentions.isEmpty()) {
      return Delivery.sent("nobody paged in Slack" + notReached);
    }
    Optional<SlackChannel> room = room(request);
    if (room.isPresent()) {
      List<String> refused = rooms.invite(room.get(), request.incidentId(), request.targets());
      if (!refused.isEmpty()) {
        notReached += "; could not invite " + String.join(", ", refused);
      }
    }
    String channel = room.map(SlackChannel::id).orElse(request.channel());
    PostedMessage posted = slack.post(message(request, mentions).inChannel(channel), isRetry());
    log.info(
        "{} paged {} ({}) in {}",
        request.incidentId(),
        mentions,
        request.levelName(),
        posted.describe());
    return Delivery.sent(
        "paged " + String.join(" ", mentions) + " with " + posted.describe() + notReached);
  }

  /**
   * Where the page goes. Without a thread the incident message may not exist yet (the first page
   * leaves at declaration), so the room is opened here; with one, the page follows the incident
   * message, and invites only when that message is in the incident's room.
   */
  private Optional<SlackChannel> room(PageRequest request) {
    if (request.threadTs() == null) {
      return Optional.of(rooms.open(request.incidentId(), request.title()));
    }
    if (rooms.isKnownRoom(request.channel(), request.incidentId())) {
      return Optional.of(new SlackChannel(request.channel(), null, null, false));
    }
    return rooms.roomAt(request.channel(), request.incidentId());
  }

  private static SlackMessage message(PageRequest request, Set<String> mentions) {
    String text =
        ":rotating_light: "
            + String.join(" ", mentions)
            + " you are paged for *"
            + SlackText.escape(request.incidentId())
            + "* ["
            + SlackText.escape(request.severity())
            + "] "
            + SlackText.escape(request.title())
            + "\nReason: "
            + SlackText.escape(request.reason())
            + (request.levelName() == null
                ? ""
                : " (escalation level: " + SlackText.escape(request.levelName()) + ")");
    // A page in the incident thread is broadcast to the channel too, so that everyone watching the
    // channel sees who was paged and why, not only the people who follow the thread.
    return SlackMessage.text(
            request.channel(),
            request.threadTs(),
            SlackText.truncate(text, IncidentMessageLayout.MESSAGE_TEXT_MAX),
            request.key(),
            request.incidentId())
        .broadcastToChannel();
  }

  private static boolean isRetry() {
    return Activity.getExecutionContext().getInfo().getAttempt() > 1;
  }
}
