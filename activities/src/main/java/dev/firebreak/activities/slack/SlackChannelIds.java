package dev.firebreak.activities.slack;

import static com.slack.api.methods.RequestFormBuilder.toForm;

import com.slack.api.methods.request.conversations.ConversationsListRequest;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import dev.firebreak.activities.http.ProviderFailures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns a configured channel ({@code #incidents} or {@code C0123ABCD}) into its ID.
 * chat.postMessage takes either, but the history, replies and update methods only take IDs, so a
 * name is looked up with conversations.list once and remembered for the life of the client.
 */
final class SlackChannelIds {

  // A member id (U…, W…) is an address too: chat.postMessage to it lands in the app's direct
  // message with that person, which is how handoff notices reach them (and how a retry finds them).
  private static final Pattern CHANNEL_ID = Pattern.compile("[CGDUW][A-Z0-9]{8,}");
  private static final int PAGE_SIZE = 200;
  private static final int MAX_PAGES = 20;

  private final SlackCalls calls;
  private final Map<String, String> idsByName = new ConcurrentHashMap<>();

  SlackChannelIds(SlackCalls calls) {
    this.calls = calls;
  }

  private static boolean isId(String channel) {
    return CHANNEL_ID.matcher(channel).matches();
  }

  String idOf(String channel) {
    if (isId(channel)) {
      return channel;
    }
    String name = channel.startsWith("#") ? channel.substring(1) : channel;
    String cached = idsByName.get(name);
    if (cached != null) {
      return cached;
    }
    String id =
        lookUp(name)
            .orElseThrow(
                () ->
                    ProviderFailures.rejected(
                        SlackCalls.PROVIDER
                            + " conversations.list (#"
                            + name
                            + ") failed: channel_not_found"));
    idsByName.put(name, id);
    return id;
  }

  private Optional<String> lookUp(String name) {
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      ConversationsListResponse response =
          calls.invoke(
              "conversations.list",
              "#" + name,
              ConversationsListResponse.class,
              toForm(
                  ConversationsListRequest.builder()
                      .types(
                          List.of(
                              ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                      .excludeArchived(true)
                      .limit(PAGE_SIZE)
                      .cursor(cursor)
                      .build()));
      if (response.getChannels() == null) {
        // ok:true without the list is not an answer to act on (a proxy or a trimmed body); a later
        // try may be whole.
        throw ProviderFailures.unavailable(
            SlackCalls.PROVIDER
                + " conversations.list (#"
                + name
                + ") answered without its 'channels' list",
            null);
      }
      Optional<String> id =
          response.getChannels().stream()
              .filter(c -> name.equals(c.getName()))
              .map(Conversation::getId)
              .findFirst();
      cursor =
          response.getResponseMetadata() == null
              ? null
              : response.getResponseMetadata().getNextCursor();
      if (id.isPresent() || cursor == null || cursor.isEmpty()) {
        return id;
      }
    }
    return Optional.empty();
  }
}
