package dev.firebreak.starter.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Slack's side of the inbound requests, for tests: slash commands, button clicks and form
 * submissions shaped as docs/providers.md §1.1 describes, signed with the signing secret as Slack
 * signs them (§1.2), and sent to a running Firebreak.
 */
public final class SlackRequests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String signingSecret;
  private final AtomicInteger triggers = new AtomicInteger();

  /**
   * @param baseUrl the Firebreak API, {@code http://127.0.0.1:<port>}
   */
  public SlackRequests(String baseUrl, String signingSecret) {
    this.baseUrl = baseUrl;
    this.signingSecret = signingSecret;
  }

  /** The form body of {@code /incident <text>} typed by {@code userId} in a channel. */
  public String commandBody(String text, String userId, String channelName, String responseUrl) {
    return form(commandFields(text, userId, channelName, responseUrl));
  }

  /** The fields of {@code /incident <text>}: a form over HTTP, a JSON object over Socket Mode. */
  public Map<String, String> commandFields(
      String text, String userId, String channelName, String responseUrl) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "deprecated-verification-token");
    form.put("team_id", "T0FAKE");
    form.put("team_domain", "firebreak-fake");
    form.put("channel_id", "C" + Math.abs(channelName.hashCode()));
    form.put("channel_name", channelName);
    form.put("user_id", userId);
    form.put("user_name", userId.toLowerCase());
    form.put("command", "/incident");
    form.put("text", text);
    form.put("response_url", responseUrl);
    form.put("trigger_id", nextTrigger());
    form.put("api_app_id", "A0FIREBREAK");
    form.put("is_enterprise_install", "false");
    return form;
  }

  /** {@code /maintenance <text>}: the same form under the other command's name. */
  public HttpResponse<String> maintenance(String text, String userId, String responseUrl) {
    Map<String, String> fields = commandFields(text, userId, "ops", responseUrl);
    fields.put("command", "/maintenance");
    return sendSigned(SlackEndpoints.COMMANDS, form(fields));
  }

  /** {@code /heartbeat <text>}: the same form under the heartbeat command's name. */
  public HttpResponse<String> heartbeat(String text, String userId, String responseUrl) {
    Map<String, String> fields = commandFields(text, userId, "ops", responseUrl);
    fields.put("command", "/heartbeat");
    return sendSigned(SlackEndpoints.COMMANDS, form(fields));
  }

  /** {@code /oncall <text>}: the same form under the on-call command's name. */
  public HttpResponse<String> oncall(String text, String userId, String responseUrl) {
    Map<String, String> fields = commandFields(text, userId, "ops", responseUrl);
    fields.put("command", "/oncall");
    return sendSigned(SlackEndpoints.COMMANDS, form(fields));
  }

  public HttpResponse<String> command(
      String text, String userId, String channelName, String responseUrl) {
    return sendSigned(SlackEndpoints.COMMANDS, commandBody(text, userId, channelName, responseUrl));
  }

  /** A click on a button of the incident message (a {@code block_actions} payload). */
  public HttpResponse<String> click(
      String actionId, String incidentId, String userId, String responseUrl) {
    return sendSigned(
        SlackEndpoints.INTERACTIONS,
        "payload=" + encode(clickPayload(actionId, incidentId, userId, responseUrl).toString()));
  }

  /**
   * A click on a checkboxes element: Slack sends every option of the element ticked after the click
   * (their values), not just the one clicked.
   */
  public HttpResponse<String> tick(
      String actionId, List<String> selectedValues, String userId, String responseUrl) {
    ObjectNode payload = clickPayload(actionId, "", userId, responseUrl);
    ObjectNode action = (ObjectNode) payload.get("actions").get(0);
    action.put("type", "checkboxes").remove(List.of("value", "text"));
    ArrayNode selected = action.putArray("selected_options");
    for (String value : selectedValues) {
      ObjectNode option = selected.addObject().put("value", value);
      option.putObject("text").put("type", "plain_text").put("text", value);
    }
    return sendSigned(SlackEndpoints.INTERACTIONS, "payload=" + encode(payload.toString()));
  }

  public ObjectNode clickPayload(
      String actionId, String incidentId, String userId, String responseUrl) {
    ObjectNode payload =
        JSON.createObjectNode()
            .put("type", "block_actions")
            .put("api_app_id", "A0FIREBREAK")
            .put("token", "deprecated-verification-token")
            .put("trigger_id", nextTrigger())
            .put("response_url", responseUrl);
    payload.putObject("team").put("id", "T0FAKE").put("domain", "firebreak-fake");
    payload
        .putObject("user")
        .put("id", userId)
        .put("username", userId.toLowerCase())
        .put("team_id", "T0FAKE");
    payload
        .putObject("container")
        .put("type", "message")
        .put("message_ts", "1700000000.000100")
        .put("channel_id", "C0INCIDENTS")
        .put("is_ephemeral", false);
    payload.putObject("channel").put("id", "C0INCIDENTS").put("name", "incidents");
    payload
        .putArray("actions")
        .addObject()
        .put("type", "button")
        .put("action_id", actionId)
        .put("block_id", "inc_actions")
        .put("value", incidentId)
        .put("action_ts", "1700000001.000200")
        .putObject("text")
        .put("type", "plain_text")
        .put("text", actionId);
    return payload;
  }

  /**
   * A submitted modal ({@code view_submission}); {@code values} is the view's state by block id.
   */
  public HttpResponse<String> submit(
      String callbackId, String privateMetadata, Map<String, String> values, String userId) {
    ObjectNode payload =
        JSON.createObjectNode()
            .put("type", "view_submission")
            .put("api_app_id", "A0FIREBREAK")
            .put("token", "deprecated-verification-token")
            .put("trigger_id", nextTrigger());
    payload.putObject("team").put("id", "T0FAKE").put("domain", "firebreak-fake");
    payload
        .putObject("user")
        .put("id", userId)
        .put("username", userId.toLowerCase())
        .put("team_id", "T0FAKE");
    ObjectNode view =
        payload
            .putObject("view")
            .put("id", "V" + nextTrigger().replace(".", ""))
            .put("type", "modal")
            .put("callback_id", callbackId)
            .put("private_metadata", privateMetadata);
    ObjectNode state = view.putObject("state").putObject("values");
    values.forEach(
        (block, value) ->
            state
                .putObject(block)
                .putObject("value")
                .put("type", "plain_text_input")
                .put("value", value));
    return sendSigned(SlackEndpoints.INTERACTIONS, "payload=" + encode(payload.toString()));
  }

  public HttpResponse<String> sendSigned(String path, String body) {
    long now = Instant.now().getEpochSecond();
    return send(
        path,
        body,
        Map.of(
            SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, Long.toString(now),
            SlackSignature.HeaderNames.X_SLACK_SIGNATURE, sign(now, body)));
  }

  /** Slack's v0 signature of a body at a timestamp, with this secret. */
  public String sign(long timestamp, String body) {
    return new SlackSignature.Generator(signingSecret).generate(Long.toString(timestamp), body);
  }

  public HttpResponse<String> send(String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String nextTrigger() {
    return "1700000000." + triggers.incrementAndGet() + "." + Math.abs(baseUrl.hashCode());
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
