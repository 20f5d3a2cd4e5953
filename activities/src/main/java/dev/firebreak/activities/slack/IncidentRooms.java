package dev.firebreak.activities.slack;

import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.IncidentRoomName;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each incident's own Slack channel: created on first use by whichever activity gets there first
 * (the incident message or the first page; the other one meets {@code name_taken} and reuses it),
 * the commander and the paged responders invited, the topic kept to severity · status · commander.
 * One instance per worker, shared by the chat and paging activities.
 */
public final class IncidentRooms {

  private static final Logger log = LoggerFactory.getLogger(IncidentRooms.class);
  private static final int TOPIC_MAX = 250;

  private final SlackChannels channels;
  private final boolean privateChannels;

  /**
   * Saves the create-then-look-up round trip for rooms this worker has already opened, and makes
   * the incident message and the first page, which open the room at the same moment, create it
   * once. The first caller creates the room outside the map (a Slack call must not hold a map lock
   * that other incidents' rooms share); the others wait for its answer.
   */
  private final Map<String, CompletableFuture<String>> roomIdsByIncident =
      new ConcurrentHashMap<>();

  /**
   * @param privateChannels create rooms as private channels ({@code
   *     providers.slack.privateChannels})
   */
  public IncidentRooms(SlackClient slack, boolean privateChannels) {
    this.channels = slack.channels();
    this.privateChannels = privateChannels;
  }

  /** The incident's room, created if no activity has created it yet. */
  SlackChannel open(String incidentId, String title) {
    String name = IncidentRoomName.of(incidentId, title);
    CompletableFuture<String> mine = new CompletableFuture<>();
    CompletableFuture<String> opening = roomIdsByIncident.putIfAbsent(incidentId, mine);
    if (opening != null) {
      return new SlackChannel(roomIdOf(opening), name, null, false);
    }
    try {
      SlackChannel opened = channels.createOrFind(name, privateChannels);
      log.info(
          "{} incident room #{} ({}) {}",
          incidentId,
          name,
          opened.id(),
          opened.created()
              ? "created" + (privateChannels ? " as a private channel" : "")
              : "already existed; reusing it");
      mine.complete(opened.id());
      return opened;
    } catch (RuntimeException failed) {
      // Nothing is remembered, so the next attempt tries again; whoever waited fails with this.
      roomIdsByIncident.remove(incidentId, mine);
      mine.completeExceptionally(failed);
      throw failed;
    }
  }

  private static String roomIdOf(CompletableFuture<String> opening) {
    try {
      return opening.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : e;
    }
  }

  /** Invites whoever of {@code people} has a Slack user ID; returns who could not be invited. */
  List<String> invite(SlackChannel room, String incidentId, Collection<String> people) {
    List<String> userIds =
        people.stream()
            .filter(p -> p != null)
            .map(SlackMention::userId)
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    List<String> refused = channels.invite(room.id(), userIds);
    if (!refused.isEmpty()) {
      log.warn("{} could not invite {} to room {}", incidentId, refused, room.id());
    }
    return refused;
  }

  /** Sets the topic to severity · status · commander when that text changed; true when it did. */
  boolean showState(SlackChannel room, IncidentCard card) {
    String topic = topic(card);
    String current = room.topic() != null ? room.topic() : channels.info(room.id()).topic();
    if (topic.equals(current)) {
      return false;
    }
    channels.setTopic(room.id(), topic);
    log.info("{} room {} topic set to \"{}\"", card.incidentId(), room.id(), topic);
    return true;
  }

  /**
   * The room behind {@code channelId} when it is this incident's room; empty for any other channel
   * (an incident declared before rooms existed keeps its message in the main channel, whose topic
   * is not an incident's to change).
   */
  Optional<SlackChannel> roomAt(String channelId, String incidentId) {
    SlackChannel channel = channels.info(channelId);
    return IncidentRoomName.belongsTo(incidentId, channel.name())
        ? Optional.of(channel)
        : Optional.empty();
  }

  /** True when {@code channelId} is known, without a call, to be the incident's room. */
  boolean isKnownRoom(String channelId, String incidentId) {
    // A failed opening leaves the map before it completes, so what is here is pending or a room ID.
    CompletableFuture<String> opened = roomIdsByIncident.get(incidentId);
    return opened != null && channelId.equals(opened.getNow(null));
  }

  /** Adds the message to the channel's bookmark bar, once, under {@code title}. */
  boolean bookmark(String roomId, String title, String messageTs) {
    return channels.bookmark(roomId, title, channels.permalink(roomId, messageTs));
  }

  public static String topic(IncidentCard card) {
    String commander =
        card.commander() == null
            ? "no commander yet"
            : "commander " + SlackMention.person(card.commander());
    return SlackText.truncate(
        card.severity() + " · " + card.status() + " · " + commander, TOPIC_MAX);
  }
}
