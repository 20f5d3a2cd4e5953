package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.workflows.common.Clip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * A Slack Web API on a loopback port, behaving like the real one for the methods Firebreak calls:
 * {@code POST /api/{method}} with form bodies, bearer-token auth, the {@code {"ok":…}} envelope
 * with Slack's error codes, channels and messages kept in memory, and faults injected per method.
 * Reusable from other modules through the activities test-jar.
 */
public final class FakeSlack implements AutoCloseable, FakeRecording {

  public static final String DEFAULT_TOKEN = "xoxb-fake-slack-token";
  public static final String DEFAULT_CHANNEL_NAME = "incidents";
  public static final String DEFAULT_CHANNEL_ID = "C0INCIDENTS";
  public static final String BOT_USER_ID = "U0FIREBREAK";

  private static final String API = "/api/";
  private static final String LOOPBACK = "127.0.0.1";
  private static final int CHAT_POST_TEXT_MAX = 40_000;
  private static final int CHAT_UPDATE_TEXT_MAX = 4_000;
  private static final Comparator<String> BY_TS = Comparator.comparing(BigDecimal::new);
  private static final int CHANNEL_NAME_MAX = 80;
  private static final int TOPIC_MAX = 250;
  private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9_-]+");
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
  private static final String TEAM_URL = "https://firebreak-fake.slack.com/";

  /** How much of a call {@link #recordedCalls} shows: enough to recognise it. */
  private static final int RECORDED_CALL = 300;

  private final ObjectMapper json = new ObjectMapper();
  private final MockWebServer server = new MockWebServer();
  private final String token;
  private final Clock clock;
  private final Map<String, String> channelIdsByName = new LinkedHashMap<>();
  private final Map<String, List<FakeSlackMessage>> messagesByChannel = new HashMap<>();
  private final Map<String, Deque<FakeSlackFault>> faultsByMethod = new HashMap<>();
  private final Map<String, List<FakeSlackRequest>> requestsByMethod = new HashMap<>();

  private final List<Consumer<FakeSlackMessage>> postListeners = new CopyOnWriteArrayList<>();
  private final Map<String, ChannelState> channelsById = new HashMap<>();
  private final Map<String, Integer> rateLimitedByMethod = new HashMap<>();
  private final FakeSlackRateLimits rateLimits;
  private final List<JsonNode> openedViews = new ArrayList<>();
  private final FakeSlackResponseUrls responseUrls;
  private final FakeSlackSocketMode socketMode = new FakeSlackSocketMode();
  private int tsCounter;
  private int channelCounter;
  private int bookmarkCounter;

  /**
   * A workspace with {@value #DEFAULT_CHANNEL_NAME} ({@value #DEFAULT_CHANNEL_ID}) and {@value
   * #DEFAULT_TOKEN}.
   */
  public FakeSlack() {
    this(DEFAULT_TOKEN, Map.of(DEFAULT_CHANNEL_NAME, DEFAULT_CHANNEL_ID), Clock.systemUTC());
  }

  /**
   * @param channelIdsByName the workspace's channels, name (without {@code #}) to ID
   * @param clock gives message timestamps their seconds
   */
  public FakeSlack(String token, Map<String, String> channelIdsByName, Clock clock) {
    this.token = token;
    this.clock = clock;
    this.rateLimits = new FakeSlackRateLimits(clock);
    channelIdsByName.forEach((name, id) -> addChannel(name, id));
    this.responseUrls = new FakeSlackResponseUrls(clock);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return handle(request);
          }
        });
    try {
      server.start(InetAddress.getByName(LOOPBACK), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- wiring

  /** The Web API prefix a client is pointed at: {@code http://127.0.0.1:<port>/api/}. */
  public String apiUrlPrefix() {
    return url() + API.substring(1);
  }

  /** The server root, {@code http://127.0.0.1:<port>/}. */
  public String url() {
    return "http://" + LOOPBACK + ":" + server.getPort() + "/";
  }

  public String token() {
    return token;
  }

  /**
   * Slack's end of Socket Mode: a client given {@link FakeSlackSocketMode#APP_TOKEN} connects to
   * it.
   */
  public FakeSlackSocketMode socketMode() {
    return socketMode;
  }

  // ---- set-up and fault injection

  /** A public channel the bot is a member of. */
  public synchronized FakeSlack addChannel(String name, String id) {
    channelIdsByName.put(name, id);
    channelsById.put(id, new ChannelState(id, name, false));
    return this;
  }

  /**
   * Slack's tier for {@code method}: at most {@code calls} per {@code window}, then HTTP 429 with
   * {@code Retry-After}. chat.postMessage counts per channel, as Slack's special tier does.
   */
  public synchronized FakeSlack limitRate(String method, int calls, Duration window) {
    rateLimits.limit(method, calls, window);
    return this;
  }

  /** Calls {@code listener} as each posted message is stored (benchmarks time arrivals with it). */
  public FakeSlack onPost(Consumer<FakeSlackMessage> listener) {
    postListeners.add(listener);
    return this;
  }

  /**
   * The next {@code times} calls of {@code method} (e.g. {@code chat.postMessage}) meet {@code
   * fault}.
   */
  public synchronized FakeSlack failNext(String method, int times, FakeSlackFault fault) {
    Deque<FakeSlackFault> faults = faultsByMethod.computeIfAbsent(method, m -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      faults.add(fault);
    }
    return this;
  }

  /**
   * A response_url as Slack would put in a command or click payload; {@code name} makes it unique.
   */
  public synchronized String responseUrl(String name) {
    return url() + responseUrls.issue(name).substring(1);
  }

  // ---- what tests look at

  /** Every channel, the ones Firebreak created included, in order of creation. */
  public synchronized List<FakeSlackChannel> channels() {
    return channelIdsByName.values().stream().map(id -> channelsById.get(id).snapshot()).toList();
  }

  public synchronized Optional<FakeSlackChannel> channel(String nameOrId) {
    return Optional.ofNullable(channelsById.get(channelIdOrSelf(nameOrId)))
        .map(ChannelState::snapshot);
  }

  /** How many calls of {@code method} were answered with HTTP 429 by a rate limit. */
  public synchronized int rateLimitedCalls(String method) {
    return rateLimitedByMethod.getOrDefault(method, 0);
  }

  /** The JSON answers POSTed to a response_url, oldest first. */
  public synchronized List<JsonNode> responses(String responseUrl) {
    return responseUrls.answers(responseUrl.substring(url().length() - 1));
  }

  /** The views opened with views.open, oldest first. */
  public synchronized List<JsonNode> openedViews() {
    return List.copyOf(openedViews);
  }

  public synchronized String channelId(String name) {
    return channelIdsByName.get(name.startsWith("#") ? name.substring(1) : name);
  }

  /**
   * Top-level messages of a channel (name or ID), oldest first; broadcast thread replies included.
   */
  public synchronized List<FakeSlackMessage> messages(String channel) {
    return select(channelIdOrSelf(channel), m -> !m.isReply() || m.replyBroadcast());
  }

  /** Replies under {@code threadTs}, oldest first, without the parent. */
  public synchronized List<FakeSlackMessage> replies(String channel, String threadTs) {
    return select(channelIdOrSelf(channel), m -> m.isReply() && m.threadTs().equals(threadTs));
  }

  /**
   * Every message in every channel, thread replies included, channel by channel in order of
   * creation.
   */
  public synchronized List<FakeSlackMessage> everyMessage() {
    return channelIdsByName.values().stream()
        .flatMap(id -> select(id, m -> true).stream())
        .toList();
  }

  public synchronized Optional<FakeSlackMessage> message(String channel, String ts) {
    return select(channelIdOrSelf(channel), m -> m.ts().equals(ts)).stream().findFirst();
  }

  /** Every call received, of any method, answered or not. */
  public synchronized int calls() {
    return requestsByMethod.values().stream().mapToInt(List::size).sum();
  }

  /** Every call received for {@code method}, answered or not. */
  public synchronized int calls(String method) {
    return requestsByMethod.getOrDefault(method, List.of()).size();
  }

  public int postMessageCalls() {
    return calls("chat.postMessage");
  }

  public synchronized Optional<FakeSlackRequest> lastRequest(String method) {
    List<FakeSlackRequest> requests = requestsByMethod.getOrDefault(method, List.of());
    return requests.isEmpty() ? Optional.empty() : Optional.of(requests.get(requests.size() - 1));
  }

  /**
   * Grouped by Web API method, oldest first within one: the method and its form fields (the token
   * left out), cut short.
   */
  @Override
  public synchronized List<String> recordedCalls() {
    return requestsByMethod.values().stream()
        .flatMap(List::stream)
        .map(
            r -> {
              Map<String, String> fields = new TreeMap<>(r.form());
              fields.remove("token");
              return Clip.of(r.method() + " " + fields, RECORDED_CALL);
            })
        .toList();
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }

  // ---- the server side

  private synchronized MockResponse handle(RecordedRequest request) {
    String path = request.getRequestUrl().encodedPath();
    if ("GET".equals(request.getMethod()) && path.equals(FakeSlackSocketMode.PATH)) {
      return socketMode.upgrade();
    }
    if (path.equals(API + "apps.connections.open")) {
      // Socket Mode's one Web API call, made with the app-level token rather than the bot token.
      boolean appToken =
          ("Bearer " + FakeSlackSocketMode.APP_TOKEN).equals(request.getHeader("Authorization"));
      return answer(
          appToken ? ok().put("url", socketMode.connectionUrl(url())) : authError(request));
    }
    if ("POST".equals(request.getMethod()) && path.startsWith(FakeSlackResponseUrls.PREFIX)) {
      return responseUrls.answer(path, request.getBody().readUtf8());
    }
    if (!"POST".equals(request.getMethod()) || !path.startsWith(API)) {
      return new MockResponse().setResponseCode(404).setBody("Not Found");
    }
    String method = path.substring(API.length());
    Map<String, String> form = FakeServer.formFields(request);
    requestsByMethod
        .computeIfAbsent(method, m -> new ArrayList<>())
        .add(new FakeSlackRequest(method, form));

    FakeSlackFault fault =
        Optional.ofNullable(faultsByMethod.get(method)).map(Deque::poll).orElse(null);
    if (fault instanceof FakeSlackFault.RateLimited limited) {
      return answer(error("ratelimited"))
          .setResponseCode(429)
          .setHeader("Retry-After", Long.toString(limited.retryAfter().toSeconds()));
    }
    if (fault instanceof FakeSlackFault.ServerError serverError) {
      // Slack's edge answers 5xx with an HTML page, not the JSON envelope.
      return new MockResponse()
          .setResponseCode(serverError.status())
          .setHeader("Content-Type", "text/html")
          .setBody(
              "<html><body><h1>"
                  + serverError.status()
                  + " Service Unavailable</h1></body></html>");
    }
    if (fault instanceof FakeSlackFault.NotJson) {
      return new MockResponse()
          .setHeader("Content-Type", "text/html")
          .setBody("<html><body>Please sign in to the network</body></html>");
    }
    if (fault instanceof FakeSlackFault.Error injected) {
      return answer(error(injected.code()));
    }
    String perChannel =
        "chat.postMessage".equals(method) ? channelIdOrSelf(form.get("channel")) : null;
    Optional<Duration> limited = rateLimits.admit(method, perChannel);
    if (limited.isPresent()) {
      rateLimitedByMethod.merge(method, 1, Integer::sum);
      // Slack sends whole seconds; rounding up keeps a client that obeys from being limited again.
      long seconds = Math.max(1, (limited.get().toMillis() + 999) / 1000);
      return answer(error("ratelimited"))
          .setResponseCode(429)
          .setHeader("Retry-After", Long.toString(seconds));
    }
    ObjectNode body = authorized(request) ? call(method, form) : authError(request);
    if (fault instanceof FakeSlackFault.OkWithout trimmed) {
      body.remove(trimmed.field());
    }
    MockResponse response = answer(body);
    if (fault instanceof FakeSlackFault.ResponseLost) {
      return response.setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
    }
    if (fault instanceof FakeSlackFault.Slow slow) {
      return response.setHeadersDelay(slow.delay().toMillis(), TimeUnit.MILLISECONDS);
    }
    return response;
  }

  private boolean authorized(RecordedRequest request) {
    return ("Bearer " + token).equals(request.getHeader("Authorization"));
  }

  /** Slack answers bad credentials with HTTP 200 and an error code, never with 401. */
  private ObjectNode authError(RecordedRequest request) {
    return error(request.getHeader("Authorization") == null ? "not_authed" : "invalid_auth");
  }

  private ObjectNode call(String method, Map<String, String> form) {
    return switch (method) {
      case "auth.test" -> authTest();
      case "chat.postMessage" -> postMessage(form);
      case "chat.update" -> update(form);
      case "conversations.history" -> history(form);
      case "conversations.replies" -> replies(form);
      case "conversations.list" -> list(form);
      case "conversations.create" -> create(form);
      case "conversations.invite" -> invite(form);
      case "conversations.setTopic" -> setTopic(form);
      case "conversations.info" -> info(form);
      case "bookmarks.add" -> addBookmark(form);
      case "bookmarks.list" -> listBookmarks(form);
      case "chat.getPermalink" -> permalink(form);
      case "views.open" -> openView(form);
      default -> error("unknown_method");
    };
  }

  private ObjectNode authTest() {
    return ok().put("url", TEAM_URL)
        .put("team", "Firebreak Fake")
        .put("user", "firebreak")
        .put("team_id", "T0FAKE")
        .put("user_id", BOT_USER_ID)
        .put("bot_id", "B0FIREBREAK")
        .put("is_enterprise_install", false);
  }

  private ObjectNode postMessage(Map<String, String> form) {
    String channelId =
        isMemberId(form.get("channel"))
            ? directMessageChannelOf(form.get("channel"))
            : channelIdOf(form.get("channel"), true);
    if (channelId == null) {
      return error("channel_not_found");
    }
    String text = form.get("text");
    if ((text == null || text.isEmpty()) && form.get("blocks") == null) {
      return error("no_text");
    }
    if (text != null && text.length() > CHAT_POST_TEXT_MAX) {
      return error("msg_too_long");
    }
    Decoded decoded = decode(form);
    if (decoded.error() != null) {
      return decoded.error();
    }
    String threadTs = form.get("thread_ts");
    if (threadTs != null && select(channelId, m -> m.ts().equals(threadTs)).isEmpty()) {
      return error("thread_not_found");
    }
    FakeSlackMessage message =
        new FakeSlackMessage(
            channelId,
            nextTs(),
            threadTs,
            text,
            decoded.blocks(),
            decoded.metadata(),
            threadTs != null && flag(form, "reply_broadcast"));
    messagesByChannel.computeIfAbsent(channelId, c -> new ArrayList<>()).add(message);
    postListeners.forEach(listener -> listener.accept(message));
    ObjectNode response = ok().put("channel", channelId).put("ts", message.ts());
    response.set("message", toJson(message, true));
    return response;
  }

  private ObjectNode update(Map<String, String> form) {
    String channelId = channelIdOf(form.get("channel"), false);
    if (channelId == null) {
      return error("channel_not_found");
    }
    String ts = form.get("ts");
    List<FakeSlackMessage> messages = messagesByChannel.getOrDefault(channelId, List.of());
    int index = indexOf(messages, ts);
    if (index < 0) {
      return error("message_not_found");
    }
    String text = form.get("text");
    if (text != null && text.length() > CHAT_UPDATE_TEXT_MAX) {
      return error("msg_too_long");
    }
    Decoded decoded = decode(form);
    if (decoded.error() != null) {
      return decoded.error();
    }
    FakeSlackMessage edited =
        messages.get(index).edited(text, decoded.blocks(), decoded.metadata());
    messages.set(index, edited);
    ObjectNode response = ok().put("channel", channelId).put("ts", ts).put("text", edited.text());
    response.set("message", toJson(edited, true));
    return response;
  }

  /** views.open: a trigger id and a modal view; the fake keeps the view for tests to read. */
  private ObjectNode openView(Map<String, String> form) {
    if (form.get("trigger_id") == null || form.get("trigger_id").isBlank()) {
      return error("invalid_trigger_id");
    }
    JsonNode view;
    try {
      view = form.get("view") == null ? null : json.readTree(form.get("view"));
    } catch (JsonProcessingException e) {
      return error("invalid_arguments");
    }
    if (view == null
        || !"modal".equals(view.path("type").asText())
        || !view.path("title").isObject()) {
      return error("invalid_arguments");
    }
    openedViews.add(view);
    ObjectNode response = ok();
    response.set("view", view.deepCopy());
    ((ObjectNode) response.get("view")).put("id", "V" + openedViews.size());
    return response;
  }

  private ObjectNode history(Map<String, String> form) {
    String channelId = channelIdOf(form.get("channel"), false);
    if (channelId == null) {
      return error("channel_not_found");
    }
    List<FakeSlackMessage> newestFirst =
        new ArrayList<>(
            select(channelId, m -> (!m.isReply() || m.replyBroadcast()) && inWindow(m, form)));
    newestFirst.sort(Comparator.comparing(FakeSlackMessage::ts, BY_TS).reversed());
    return page(newestFirst, form);
  }

  private ObjectNode replies(Map<String, String> form) {
    String channelId = channelIdOf(form.get("channel"), false);
    if (channelId == null) {
      return error("channel_not_found");
    }
    String ts = form.get("ts");
    List<FakeSlackMessage> parent = select(channelId, m -> m.ts().equals(ts));
    if (ts == null || parent.isEmpty()) {
      return error("thread_not_found");
    }
    List<FakeSlackMessage> thread = new ArrayList<>(parent);
    thread.addAll(
        select(channelId, m -> m.isReply() && m.threadTs().equals(ts) && inWindow(m, form)));
    return page(thread, form);
  }

  private ObjectNode list(Map<String, String> form) {
    // Slack lists public channels only unless asked, and private ones only to their members.
    List<String> types = List.of(form.getOrDefault("types", "public_channel").split(","));
    List<ChannelState> channels =
        channelIdsByName.values().stream()
            .map(channelsById::get)
            .filter(
                c ->
                    c.isPrivate
                        ? types.contains("private_channel") && c.isMember(BOT_USER_ID)
                        : types.contains("public_channel"))
            .toList();
    int from = cursor(form);
    int to = Math.min(channels.size(), from + limit(form));
    ArrayNode array = json.createArrayNode();
    for (ChannelState channel : channels.subList(Math.min(from, to), to)) {
      array.add(channelJson(channel));
    }
    ObjectNode response = ok();
    response.set("channels", array);
    response
        .putObject("response_metadata")
        .put("next_cursor", to < channels.size() ? Integer.toString(to) : "");
    return response;
  }

  private ObjectNode create(Map<String, String> form) {
    String name = form.get("name");
    if (name == null || name.isEmpty()) {
      return error("invalid_name_required");
    }
    if (name.length() > CHANNEL_NAME_MAX) {
      return error("invalid_name_maxlength");
    }
    if (!CHANNEL_NAME.matcher(name).matches()) {
      return error("invalid_name_specials");
    }
    if (name.chars().noneMatch(Character::isLetterOrDigit)) {
      return error("invalid_name_punctuation");
    }
    if (channelIdsByName.containsKey(name)) {
      return error("name_taken");
    }
    channelCounter++;
    String id = String.format("C0ROOM%04d", channelCounter);
    ChannelState channel = new ChannelState(id, name, flag(form, "is_private"));
    channelIdsByName.put(name, id);
    channelsById.put(id, channel);
    ObjectNode response = ok();
    response.set("channel", channelJson(channel));
    return response;
  }

  private ObjectNode invite(Map<String, String> form) {
    ChannelState channel = visibleChannel(form.get("channel"));
    if (channel == null) {
      return error("channel_not_found");
    }
    if (!channel.isMember(BOT_USER_ID)) {
      return error("not_in_channel");
    }
    String users = form.get("users");
    if (users == null || users.isBlank()) {
      return error("no_user");
    }
    ArrayNode errors = json.createArrayNode();
    List<String> invitable = new ArrayList<>();
    for (String user : users.split(",")) {
      String problem =
          BOT_USER_ID.equals(user)
              ? "cant_invite_self"
              : !USER_ID.matcher(user).matches()
                  ? "user_not_found"
                  : channel.isMember(user) ? "already_in_channel" : null;
      if (problem == null) {
        invitable.add(user);
      } else {
        errors.addObject().put("user", user).put("ok", false).put("error", problem);
      }
    }
    // Without force, one bad user stops the whole invitation, as in Slack.
    if (errors.isEmpty() || flag(form, "force")) {
      channel.members.addAll(invitable);
    }
    if (!errors.isEmpty()) {
      ObjectNode failed = error(errors.get(0).path("error").asText());
      failed.set("errors", errors);
      return failed;
    }
    ObjectNode response = ok();
    response.set("channel", channelJson(channel));
    return response;
  }

  private ObjectNode setTopic(Map<String, String> form) {
    ChannelState channel = visibleChannel(form.get("channel"));
    if (channel == null) {
      return error("channel_not_found");
    }
    String topic = form.get("topic");
    if (topic == null) {
      ObjectNode invalid = error("invalid_arguments");
      invalid
          .putObject("response_metadata")
          .putArray("messages")
          .add("[ERROR] missing required field: topic");
      return invalid;
    }
    if (topic.length() > TOPIC_MAX) {
      return error("too_long");
    }
    if (!channel.isMember(BOT_USER_ID)) {
      return error("not_in_channel");
    }
    channel.topic = topic;
    ObjectNode response = ok();
    response.set("channel", channelJson(channel));
    return response;
  }

  private ObjectNode info(Map<String, String> form) {
    ChannelState channel = visibleChannel(form.get("channel"));
    if (channel == null) {
      return error("channel_not_found");
    }
    ObjectNode response = ok();
    response.set("channel", channelJson(channel));
    return response;
  }

  private ObjectNode addBookmark(Map<String, String> form) {
    ChannelState channel = visibleChannel(form.get("channel_id"));
    if (channel == null) {
      return error("channel_not_found");
    }
    String title = form.get("title");
    if (title == null || title.isBlank()) {
      return error("invalid_arguments");
    }
    if (!"link".equals(form.get("type"))) {
      return error("invalid_bookmark_type");
    }
    String link = form.get("link");
    if (link == null || !(link.startsWith("http://") || link.startsWith("https://"))) {
      return error("invalid_link");
    }
    bookmarkCounter++;
    FakeSlackChannel.Bookmark bookmark =
        new FakeSlackChannel.Bookmark(
            String.format("Bk%08d", bookmarkCounter), title, "link", link);
    channel.bookmarks.add(bookmark);
    ObjectNode response = ok();
    response.set("bookmark", bookmarkJson(channel, bookmark));
    return response;
  }

  private ObjectNode listBookmarks(Map<String, String> form) {
    ChannelState channel = visibleChannel(form.get("channel_id"));
    if (channel == null) {
      return error("channel_not_found");
    }
    ArrayNode array = json.createArrayNode();
    channel.bookmarks.forEach(b -> array.add(bookmarkJson(channel, b)));
    ObjectNode response = ok();
    response.set("bookmarks", array);
    return response;
  }

  private ObjectNode permalink(Map<String, String> form) {
    ChannelState channel = visibleChannel(form.get("channel"));
    if (channel == null) {
      return error("channel_not_found");
    }
    String ts = form.get("message_ts");
    if (ts == null || select(channel.id, m -> m.ts().equals(ts)).isEmpty()) {
      return error("message_not_found");
    }
    return ok().put("channel", channel.id)
        .put("permalink", TEAM_URL + "archives/" + channel.id + "/p" + ts.replace(".", ""));
  }

  /** A channel by ID, as the bot may see it: a private channel is "not found" to non-members. */
  private ChannelState visibleChannel(String id) {
    ChannelState channel = id == null ? null : channelsById.get(id);
    return channel == null || (channel.isPrivate && !channel.isMember(BOT_USER_ID))
        ? null
        : channel;
  }

  private ObjectNode channelJson(ChannelState channel) {
    ObjectNode node =
        json.createObjectNode()
            .put("id", channel.id)
            .put("name", channel.name)
            .put("name_normalized", channel.name)
            .put("is_channel", true)
            .put("is_group", false)
            .put("is_im", false)
            .put("is_private", channel.isPrivate)
            .put("is_archived", false)
            .put("is_member", channel.isMember(BOT_USER_ID))
            .put("num_members", channel.members.size());
    node.putObject("topic")
        .put("value", channel.topic)
        .put("creator", channel.topic.isEmpty() ? "" : BOT_USER_ID);
    return node;
  }

  private ObjectNode bookmarkJson(ChannelState channel, FakeSlackChannel.Bookmark bookmark) {
    return json.createObjectNode()
        .put("id", bookmark.id())
        .put("channel_id", channel.id)
        .put("title", bookmark.title())
        .put("type", bookmark.type())
        .put("link", bookmark.link())
        .put("last_updated_by_user_id", BOT_USER_ID);
  }

  /** Cursor pagination as Slack does it; the fake's cursor is simply the next index. */
  private ObjectNode page(List<FakeSlackMessage> messages, Map<String, String> form) {
    boolean withMetadata = flag(form, "include_all_metadata");
    int from = Math.min(cursor(form), messages.size());
    int to = Math.min(messages.size(), from + limit(form));
    ArrayNode array = json.createArrayNode();
    messages.subList(from, to).forEach(m -> array.add(toJson(m, withMetadata)));
    ObjectNode response = ok();
    response.set("messages", array);
    response.put("has_more", to < messages.size());
    response
        .putObject("response_metadata")
        .put("next_cursor", to < messages.size() ? Integer.toString(to) : "");
    return response;
  }

  private static boolean inWindow(FakeSlackMessage message, Map<String, String> form) {
    String oldest = form.get("oldest");
    String latest = form.get("latest");
    return (oldest == null || BY_TS.compare(message.ts(), oldest) >= 0)
        && (latest == null || BY_TS.compare(message.ts(), latest) <= 0);
  }

  /** Slack reads both "true" and "1" as true; the Java SDK sends "1". */
  private static boolean flag(Map<String, String> form, String name) {
    String value = form.get(name);
    return "1".equals(value) || "true".equals(value);
  }

  private static int cursor(Map<String, String> form) {
    String cursor = form.get("cursor");
    return cursor == null || cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
  }

  private static int limit(Map<String, String> form) {
    String limit = form.get("limit");
    return limit == null ? 100 : Math.max(1, Math.min(1000, Integer.parseInt(limit)));
  }

  private ObjectNode toJson(FakeSlackMessage message, boolean withMetadata) {
    ObjectNode node =
        json.createObjectNode()
            .put("type", "message")
            .put("user", BOT_USER_ID)
            .put("bot_id", "B0FIREBREAK")
            .put("text", message.text() == null ? "" : message.text())
            .put("ts", message.ts());
    if (message.threadTs() != null) {
      node.put("thread_ts", message.threadTs());
    }
    if (message.replyBroadcast()) {
      node.put("subtype", "thread_broadcast");
    }
    if (message.blocks() != null) {
      node.set("blocks", message.blocks());
    }
    if (withMetadata && message.metadata() != null) {
      node.set("metadata", message.metadata());
    }
    return node;
  }

  private record Decoded(JsonNode blocks, JsonNode metadata, ObjectNode error) {}

  /** Slack takes {@code blocks} and {@code metadata} as JSON inside form fields. */
  private Decoded decode(Map<String, String> form) {
    JsonNode blocks;
    JsonNode metadata;
    try {
      blocks = form.get("blocks") == null ? null : json.readTree(form.get("blocks"));
    } catch (JsonProcessingException e) {
      return new Decoded(null, null, error("invalid_blocks_format"));
    }
    try {
      metadata = form.get("metadata") == null ? null : json.readTree(form.get("metadata"));
    } catch (JsonProcessingException e) {
      return new Decoded(null, null, error("invalid_metadata_format"));
    }
    if (metadata != null
        && (!metadata.path("event_type").isTextual()
            || !metadata.path("event_payload").isObject())) {
      return new Decoded(null, null, error("invalid_metadata_schema"));
    }
    if (blocks != null) {
      List<String> problems = FakeSlackBlockKit.problems(blocks);
      if (!problems.isEmpty()) {
        ObjectNode invalid = error("invalid_blocks");
        problems.forEach(invalid.putArray("errors")::add);
        return new Decoded(null, null, invalid);
      }
    }
    return new Decoded(blocks, metadata, null);
  }

  /**
   * A channel ID for an ID or a name (with or without {@code #}); names only where Slack takes
   * them.
   */
  /**
   * A member id as {@code channel} posts to the app's direct message with that person, as Slack
   * does.
   */
  private static boolean isMemberId(String channel) {
    return channel != null && channel.matches("[UW][A-Z0-9]{2,}");
  }

  /** The direct message channel of the app with a member: {@code D} and the member id's rest. */
  public static String directMessageChannelOf(String memberId) {
    return "D" + memberId.substring(1);
  }

  private String channelIdOf(String channel, boolean acceptsName) {
    if (channel == null) {
      return null;
    }
    if (channelIdsByName.containsValue(channel)) {
      return channel;
    }
    return acceptsName
        ? channelIdsByName.get(channel.startsWith("#") ? channel.substring(1) : channel)
        : null;
  }

  private String channelIdOrSelf(String channel) {
    String id = channelIdOf(channel, true);
    return id == null ? channel : id;
  }

  private List<FakeSlackMessage> select(String channelId, Predicate<FakeSlackMessage> filter) {
    return messagesByChannel.getOrDefault(channelId, List.of()).stream().filter(filter).toList();
  }

  private static int indexOf(List<FakeSlackMessage> messages, String ts) {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).ts().equals(ts)) {
        return i;
      }
    }
    return -1;
  }

  /** Slack's ts: epoch seconds, a dot and six digits; unique per channel. */
  private String nextTs() {
    tsCounter = (tsCounter + 1) % 1_000_000;
    return clock.instant().getEpochSecond() + "." + String.format("%06d", tsCounter);
  }

  private ObjectNode ok() {
    return json.createObjectNode().put("ok", true);
  }

  private ObjectNode error(String code) {
    return json.createObjectNode().put("ok", false).put("error", code);
  }

  private MockResponse answer(ObjectNode body) {
    return new MockResponse()
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .setBody(body.toString());
  }

  /** A channel's mutable state; tests see it through {@link FakeSlackChannel} copies. */
  private static final class ChannelState {
    final String id;
    final String name;
    final boolean isPrivate;
    final Set<String> members = new HashSet<>(Set.of(BOT_USER_ID));
    final List<FakeSlackChannel.Bookmark> bookmarks = new ArrayList<>();
    String topic = "";

    ChannelState(String id, String name, boolean isPrivate) {
      this.id = id;
      this.name = name;
      this.isPrivate = isPrivate;
    }

    boolean isMember(String user) {
      return members.contains(user);
    }

    FakeSlackChannel snapshot() {
      return new FakeSlackChannel(id, name, isPrivate, topic, members, bookmarks);
    }
  }
}
