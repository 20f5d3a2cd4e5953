package dev.firebreak.activities.slack;

import static com.slack.api.methods.RequestFormBuilder.toForm;

import com.slack.api.methods.request.bookmarks.BookmarksAddRequest;
import com.slack.api.methods.request.bookmarks.BookmarksListRequest;
import com.slack.api.methods.request.chat.ChatGetPermalinkRequest;
import com.slack.api.methods.request.conversations.ConversationsCreateRequest;
import com.slack.api.methods.request.conversations.ConversationsInfoRequest;
import com.slack.api.methods.request.conversations.ConversationsInviteRequest;
import com.slack.api.methods.request.conversations.ConversationsSetTopicRequest;
import com.slack.api.methods.response.bookmarks.BookmarksAddResponse;
import com.slack.api.methods.response.bookmarks.BookmarksListResponse;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.methods.response.conversations.ConversationsInviteResponse;
import com.slack.api.methods.response.conversations.ConversationsSetTopicResponse;
import com.slack.api.model.Bookmark;
import com.slack.api.model.Conversation;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The channel half of the Web API: create, invite, topic, bookmarks. Each call is safe to repeat,
 * because Temporal repeats activities: Slack's "already done" answers ({@code name_taken}, {@code
 * already_in_channel}) are read as success, and a bookmark is looked for before it is added.
 */
final class SlackChannels {

  /** Invitation answers that leave the user in the channel, which is all an invitation is for. */
  private static final Set<String> ALREADY_MEMBER =
      Set.of("already_in_channel", "cant_invite_self");

  /** Answers about one user that must not stop the others being invited. */
  private static final Set<String> NOT_INVITABLE =
      Set.of(
          "user_not_found",
          "cant_invite",
          "user_is_restricted",
          "ura_max_channels",
          "user_is_deactivated");

  private static final Set<String> INVITE_SETTLED =
      Stream.concat(ALREADY_MEMBER.stream(), NOT_INVITABLE.stream())
          .collect(Collectors.toUnmodifiableSet());

  private static final String NAME_TAKEN = "name_taken";

  private final SlackCalls calls;
  private final SlackChannelIds channelIds;

  SlackChannels(SlackCalls calls, SlackChannelIds channelIds) {
    this.calls = calls;
    this.channelIds = channelIds;
  }

  /** Creates the channel, or finds the one an earlier attempt (or another activity) created. */
  SlackChannel createOrFind(String name, boolean isPrivate) {
    var response =
        calls.invoke(
            "conversations.create",
            "#" + name,
            Set.of(NAME_TAKEN),
            ConversationsCreateResponse.class,
            toForm(ConversationsCreateRequest.builder().name(name).isPrivate(isPrivate).build()));
    if (response.isOk()) {
      return new SlackChannel(response.getChannel().getId(), name, "", true);
    }
    return info(channelIds.idOf(name));
  }

  /**
   * @param channel an ID or a {@code #name}
   */
  SlackChannel info(String channel) {
    String channelId = channelIds.idOf(channel);
    Conversation found =
        calls
            .invoke(
                "conversations.info",
                channelId,
                ConversationsInfoResponse.class,
                toForm(ConversationsInfoRequest.builder().channel(channelId).build()))
            .getChannel();
    String topic =
        found.getTopic() == null || found.getTopic().getValue() == null
            ? ""
            : found.getTopic().getValue();
    return new SlackChannel(found.getId(), found.getName(), topic, false);
  }

  /**
   * Invites the users; those already in the channel count as invited.
   *
   * @return the users Slack would not invite (unknown, deactivated, restricted), for the caller to
   *     report
   */
  List<String> invite(String channelId, List<String> userIds) {
    if (userIds.isEmpty()) {
      return List.of();
    }
    // force: Slack invites the valid users even when some cannot be invited.
    ConversationsInviteResponse response =
        calls.invoke(
            "conversations.invite",
            channelId,
            INVITE_SETTLED,
            ConversationsInviteResponse.class,
            toForm(
                ConversationsInviteRequest.builder()
                    .channel(channelId)
                    .users(userIds)
                    .force(true)
                    .build()));
    if (response.isOk()) {
      return List.of();
    }
    if (response.getErrors() == null || response.getErrors().isEmpty()) {
      return ALREADY_MEMBER.contains(response.getError()) ? List.of() : userIds;
    }
    return response.getErrors().stream()
        .filter(e -> !ALREADY_MEMBER.contains(e.getError()))
        .map(e -> e.getUser() + " (" + e.getError() + ")")
        .toList();
  }

  void setTopic(String channelId, String topic) {
    calls.invoke(
        "conversations.setTopic",
        channelId,
        ConversationsSetTopicResponse.class,
        toForm(ConversationsSetTopicRequest.builder().channel(channelId).topic(topic).build()));
  }

  String permalink(String channelId, String ts) {
    return calls
        .invoke(
            "chat.getPermalink",
            channelId + " message " + ts,
            ChatGetPermalinkResponse.class,
            toForm(ChatGetPermalinkRequest.builder().channel(channelId).messageTs(ts).build()))
        .getPermalink();
  }

  /**
   * Bookmarks {@code link} in the channel unless it already is: bookmarks.add has no idempotency
   * key, and a retry after a lost answer would otherwise add a second one.
   *
   * @return false when the link was bookmarked already
   */
  boolean bookmark(String channelId, String title, String link) {
    List<Bookmark> existing =
        calls
            .invoke(
                "bookmarks.list",
                channelId,
                BookmarksListResponse.class,
                toForm(BookmarksListRequest.builder().channelId(channelId).build()))
            .getBookmarks();
    if (existing != null && existing.stream().anyMatch(b -> link.equals(b.getLink()))) {
      return false;
    }
    calls.invoke(
        "bookmarks.add",
        channelId + " " + title,
        BookmarksAddResponse.class,
        toForm(
            BookmarksAddRequest.builder()
                .channelId(channelId)
                .title(title)
                .type("link")
                .link(link)
                .build()));
    return true;
  }
}
