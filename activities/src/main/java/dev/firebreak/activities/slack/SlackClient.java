package dev.firebreak.activities.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.util.http.SlackHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack Web API as Firebreak uses it: post a message at most once, rewrite it, find it again.
 * Plain Java on the SDK's synchronous {@link MethodsClient}; it knows Slack, not Temporal, and leaves
 * retrying to the caller (every failure is a {@code ProviderFailures} failure saying whether to).
 */
public final class SlackClient implements AutoCloseable {

  /** Slack's own Web API prefix; tests and dev mode point elsewhere. */
  public static final String SLACK_API_URL = "https://slack.com/api/";

  /** How far back a retry looks for the message its earlier attempt may have posted. */
  public static final Duration DEFAULT_DUPLICATE_LOOKBACK = Duration.ofHours(24);

  private static final Logger log = LoggerFactory.getLogger(SlackClient.class);

  private final String apiUrlPrefix;
  private final Slack slack;
  private final MethodsClient methods;
  private final SlackChannelIds channelIds;
  private final SlackMessageFinder finder;

  /**
   * @param apiUrlPrefix where the Web API methods live, ending in {@code /api/} ({@link #SLACK_API_URL})
   * @param botToken the {@code xoxb-} token; kept only inside the SDK client, never logged
   * @param timeout for one whole call, connection to last byte
   */
  public SlackClient(String apiUrlPrefix, String botToken, Duration timeout) {
    this(apiUrlPrefix, botToken, timeout, DEFAULT_DUPLICATE_LOOKBACK, Clock.systemUTC());
  }

  public SlackClient(String apiUrlPrefix, String botToken, Duration timeout, Duration duplicateLookback, Clock clock) {
    this.apiUrlPrefix = apiUrlPrefix.endsWith("/") ? apiUrlPrefix : apiUrlPrefix + "/";
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(this.apiUrlPrefix);
    // Stats would call auth.test behind our back and keep a JVM-wide cache per token.
    config.setStatsEnabled(false);
    int millis = Math.toIntExact(timeout.toMillis());
    config.setHttpClientReadTimeoutMillis(millis);
    config.setHttpClientWriteTimeoutMillis(millis);
    config.setHttpClientCallTimeoutMillis(millis);
    // OkHttp silently re-sends a POST whose pooled connection broke mid-exchange; for chat.postMessage
    // that is a second message. Failing instead lets the activity retry, which checks before posting.
    OkHttpClient http = SlackHttpClient.buildOkHttpClient(config).newBuilder().retryOnConnectionFailure(false).build();
    this.slack = Slack.getInstance(config, new SlackHttpClient(http));
    this.methods = slack.methods(botToken);
    this.channelIds = new SlackChannelIds(methods);
    this.finder = new SlackMessageFinder(methods, duplicateLookback, clock);
  }

  /**
   * Posts the message, or, when an earlier attempt may already have posted it, returns that one.
   *
   * @param mayAlreadyExist true on a retry: a lost response can hide a message Slack did post
   */
  public PostedMessage post(SlackMessage message, boolean mayAlreadyExist) {
    if (mayAlreadyExist) {
      Optional<PostedMessage> earlier = findPosted(message);
      if (earlier.isPresent()) {
        log.info("{} Slack message {} already posted as {}/{} by an earlier attempt; not posting again",
            message.incidentId(), message.key(), earlier.get().channelId(), earlier.get().ts());
        return earlier.get();
      }
    }
    ChatPostMessageResponse response = SlackCalls.invoke("chat.postMessage", message.channel(),
        () -> methods.chatPostMessage(r -> r
            .channel(message.channel())
            .threadTs(message.threadTs())
            .replyBroadcast(message.replyBroadcast())
            .text(message.text())
            .blocks(message.blocks().isEmpty() ? null : message.blocks())
            .metadata(SlackMessageKeys.metadata(message.key(), message.incidentId()))));
    log.info("{} posted Slack message {} as {}/{}",
        message.incidentId(), message.key(), response.getChannel(), response.getTs());
    return new PostedMessage(response.getChannel(), response.getTs(), false);
  }

  /** Rewrites the message at {@code ts} in place; its metadata is sent again so it stays findable. */
  public void update(String ts, SlackMessage message) {
    String channelId = channelIds.idOf(message.channel());
    SlackCalls.invoke("chat.update", channelId + " message " + ts,
        () -> methods.chatUpdate(r -> r
            .channel(channelId)
            .ts(ts)
            .text(message.text())
            .blocks(message.blocks().isEmpty() ? null : message.blocks())
            .metadata(SlackMessageKeys.metadata(message.key(), message.incidentId()))));
    log.info("{} updated Slack message {}/{}", message.incidentId(), channelId, ts);
  }

  private Optional<PostedMessage> findPosted(SlackMessage message) {
    String channelId = channelIds.idOf(message.channel());
    return finder.find(channelId, message.threadTs(), message.key())
        .map(found -> new PostedMessage(channelId, found.getTs(), true));
  }

  @Override
  public void close() {
    try {
      slack.close();
    } catch (Exception e) {
      log.warn("Closing the Slack HTTP client failed: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return "SlackClient[" + apiUrlPrefix + "]";
  }
}
