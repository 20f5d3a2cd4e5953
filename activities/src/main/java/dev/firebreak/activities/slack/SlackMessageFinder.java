package dev.firebreak.activities.slack;

import static com.slack.api.methods.RequestFormBuilder.toForm;

import com.slack.api.methods.request.conversations.ConversationsHistoryRequest;
import com.slack.api.methods.request.conversations.ConversationsRepliesRequest;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Finds a message an earlier attempt posted, by the key in its metadata. The search is bounded, in
 * time and in pages, because it runs on every retry of a post: a message older than the window
 * cannot be the one a retry is looking for.
 */
final class SlackMessageFinder {

  private static final int PAGE_SIZE = 200;
  private static final int MAX_PAGES = 5;

  private final SlackCalls calls;
  private final Duration lookback;
  private final Clock clock;

  SlackMessageFinder(SlackCalls calls, Duration lookback, Clock clock) {
    this.calls = calls;
    this.lookback = lookback;
    this.clock = clock;
  }

  /** Searches the thread under {@code threadTs}, or the channel's top level when it is null. */
  Optional<Message> find(String channelId, String threadTs, String key) {
    String oldest = Long.toString(clock.instant().minus(lookback).getEpochSecond());
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      Page result =
          threadTs == null
              ? history(channelId, oldest, cursor)
              : replies(channelId, threadTs, oldest, cursor);
      Optional<Message> found =
          result.messages().stream().filter(m -> SlackMessageKeys.carries(m, key)).findFirst();
      if (found.isPresent() || result.nextCursor() == null) {
        return found;
      }
      cursor = result.nextCursor();
    }
    return Optional.empty();
  }

  private Page history(String channelId, String oldest, String cursor) {
    var response =
        calls.invoke(
            "conversations.history",
            channelId,
            ConversationsHistoryResponse.class,
            toForm(
                ConversationsHistoryRequest.builder()
                    .channel(channelId)
                    .oldest(oldest)
                    .limit(PAGE_SIZE)
                    .cursor(cursor)
                    .includeAllMetadata(true)
                    .build()));
    return new Page(response.getMessages(), nextCursor(response.getResponseMetadata()));
  }

  private Page replies(String channelId, String threadTs, String oldest, String cursor) {
    var response =
        calls.invoke(
            "conversations.replies",
            channelId + " thread " + threadTs,
            ConversationsRepliesResponse.class,
            toForm(
                ConversationsRepliesRequest.builder()
                    .channel(channelId)
                    .ts(threadTs)
                    .oldest(oldest)
                    .limit(PAGE_SIZE)
                    .cursor(cursor)
                    .includeAllMetadata(true)
                    .build()));
    return new Page(response.getMessages(), nextCursor(response.getResponseMetadata()));
  }

  private static String nextCursor(ResponseMetadata metadata) {
    return metadata == null
            || metadata.getNextCursor() == null
            || metadata.getNextCursor().isEmpty()
        ? null
        : metadata.getNextCursor();
  }

  private record Page(List<Message> messages, String nextCursor) {
    Page {
      messages = messages == null ? List.of() : messages;
    }
  }
}
