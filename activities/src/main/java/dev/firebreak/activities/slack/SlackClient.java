package dev.firebreak.activities.slack;

import static com.slack.api.methods.RequestFormBuilder.toForm;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.util.http.SlackHttpClient;
import dev.firebreak.activities.http.ProviderFailures;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack Web API as Firebreak uses it: post a message at most once, rewrite it, find it again.
 * Plain Java on the SDK's synchronous {@link MethodsClient}; it knows Slack, not Temporal, and
 * leaves retrying to the caller (every failure is a {@code ProviderFailures} failure saying whether
 * to).
 */
public final class SlackClient implements AutoCloseable {

  /** Slack's own Web API prefix; tests and dev mode point elsewhere. */
  public static final String SLACK_API_URL = "https://slack.com/api/";

  /** How far back a retry looks for the message its earlier attempt may have posted. */
  public static final Duration DEFAULT_DUPLICATE_LOOKBACK = Duration.ofHours(24);

  private static final Logger log = LoggerFactory.getLogger(SlackClient.class);

  private final String apiUrlPrefix;
  private final Slack slack;
  private final SlackCalls calls;
  private final SlackChannelIds channelIds;
  private final SlackMessageFinder finder;
  private final SlackChannels channels;
  private final ChannelPacer pacer;

  /**
   * @param apiUrlPrefix where the Web API methods live, ending in {@code /api/} ({@link
   *     #SLACK_API_URL})
   * @param botToken the {@code xoxb-} token; kept only for the calls' bearer header, never logged
   * @param timeout for one whole call, connection to last byte
   */
  public SlackClient(String apiUrlPrefix, String botToken, Duration timeout) {
    this(
        apiUrlPrefix,
        botToken,
        timeout,
        DEFAULT_DUPLICATE_LOOKBACK,
        Clock.systemUTC(),
        ChannelPacer.slackDefault());
  }

  /**
   * @param pacer spaces posts per channel; one per worker, shared by every activity that posts
   */
  public SlackClient(
      String apiUrlPrefix,
      String botToken,
      Duration timeout,
      Duration duplicateLookback,
      Clock clock,
      ChannelPacer pacer) {
    this.apiUrlPrefix = apiUrlPrefix.endsWith("/") ? apiUrlPrefix : apiUrlPrefix + "/";
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(this.apiUrlPrefix);
    // Stats would call auth.test behind our back and keep a JVM-wide cache per token.
    config.setStatsEnabled(false);
    int millis = Math.toIntExact(timeout.toMillis());
    config.setHttpClientReadTimeoutMillis(millis);
    config.setHttpClientWriteTimeoutMillis(millis);
    config.setHttpClientCallTimeoutMillis(millis);
    // OkHttp silently re-sends a POST whose pooled connection broke mid-exchange; for
    // chat.postMessage
    // that is a second message. Failing instead lets the activity retry, which checks before
    // posting.
    OkHttpClient http =
        SlackHttpClient.buildOkHttpClient(config)
            .newBuilder()
            .retryOnConnectionFailure(false)
            .build();
    this.slack = Slack.getInstance(config, new SlackHttpClient(http));
    this.calls = new SlackCalls(config, slack.methods(botToken), botToken);
    this.channelIds = new SlackChannelIds(calls);
    this.finder = new SlackMessageFinder(calls, duplicateLookback, clock);
    this.channels = new SlackChannels(calls, channelIds);
    this.pacer = pacer;
  }

  SlackChannels channels() {
    return channels;
  }

  /**
   * Posts the message, or, when an earlier attempt may already have posted it, returns that one.
   *
   * @param mayAlreadyExist true on a retry: a lost response can hide a message Slack did post
   */
  public PostedMessage post(SlackMessage message, boolean mayAlreadyExist) {
    if (mayAlreadyExist && !pacer.isHeldBack(message.key())) {
      Optional<PostedMessage> earlier = findPosted(message);
      if (earlier.isPresent()) {
        log.info(
            "{} Slack message {} already posted as {}/{} by an earlier attempt; not posting again",
            message.incidentId(),
            message.key(),
            earlier.get().channelId(),
            earlier.get().ts());
        return earlier.get();
      }
    }
    awaitTurn(message);
    ChatPostMessageResponse response =
        calls.invoke(
            "chat.postMessage",
            message.channel(),
            ChatPostMessageResponse.class,
            toForm(
                ChatPostMessageRequest.builder()
                    .channel(message.channel())
                    .threadTs(message.threadTs())
                    .replyBroadcast(message.replyBroadcast())
                    .text(message.text())
                    .blocks(message.blocks().isEmpty() ? null : message.blocks())
                    .metadata(SlackMessageKeys.metadata(message.key(), message.incidentId()))
                    .build()));
    log.info(
        "{} posted Slack message {} as {}/{}",
        message.incidentId(),
        message.key(),
        response.getChannel(),
        response.getTs());
    return new PostedMessage(response.getChannel(), response.getTs(), false);
  }

  /**
   * Waits for the channel's next posting slot; a slot too far off is turned into the same failure a
   * 429 would be, so the activity is retried when the channel has room again.
   */
  private void awaitTurn(SlackMessage message) {
    String channel =
        message.channel().startsWith("#") ? message.channel().substring(1) : message.channel();
    ChannelPacer.Turn turn = pacer.reserve(channel, message.key());
    if (!turn.admitted()) {
      log.info(
          "{} Slack message {} held back: #{} is busy for {} ms",
          message.incidentId(),
          message.key(),
          channel,
          turn.delay().toMillis());
      throw ProviderFailures.heldBack(
          SlackCalls.PROVIDER + " chat.postMessage (" + message.channel() + ") paced: channel busy",
          turn.delay());
    }
    if (turn.delay().isZero()) {
      return;
    }
    try {
      Thread.sleep(turn.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProviderFailures.unavailable(
          "interrupted while pacing posts to " + message.channel(), e);
    }
  }

  /**
   * Rewrites the message at {@code ts} in place; its metadata is sent again so it stays findable.
   */
  public void update(String ts, SlackMessage message) {
    String channelId = channelIds.idOf(message.channel());
    calls.invoke(
        "chat.update",
        channelId + " message " + ts,
        ChatUpdateResponse.class,
        toForm(
            ChatUpdateRequest.builder()
                .channel(channelId)
                .ts(ts)
                .text(message.text())
                .blocks(message.blocks().isEmpty() ? null : message.blocks())
                .metadata(SlackMessageKeys.metadata(message.key(), message.incidentId()))
                .build()));
    log.info("{} updated Slack message {}/{}", message.incidentId(), channelId, ts);
  }

  private Optional<PostedMessage> findPosted(SlackMessage message) {
    String channelId = channelIds.idOf(message.channel());
    return finder
        .find(channelId, message.threadTs(), message.key())
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
