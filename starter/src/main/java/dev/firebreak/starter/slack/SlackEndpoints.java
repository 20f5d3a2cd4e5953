package dev.firebreak.starter.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.HeartbeatConfig;
import dev.firebreak.starter.config.OnCallSpecs;
import dev.firebreak.starter.heartbeats.HeartbeatWorkflows;
import dev.firebreak.starter.incidents.ActionRuns;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.oncall.OnCallGateway;
import dev.firebreak.starter.oncall.OnCallSchedules;
import dev.firebreak.starter.rollbacks.IncidentRollbacks;
import dev.firebreak.starter.service.TemporalFailures;
import dev.firebreak.workflows.common.TaskQueue;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/commands} and {@code POST /slack/interactions} on the API's Javalin server,
 * handled by Bolt through {@link SlackRequestParser} and {@link App#run}: Bolt's
 * RequestVerification checks the signing secret on every request (a forged, unsigned or
 * more-than-5-minutes-old request gets 401 and starts nothing) before any handler runs. A timestamp
 * more than 5 minutes ahead gets 401 too, and a signed request seen before (replayed, or retried by
 * Slack with {@code X-Slack-Retry-Num}) is acknowledged without running again ({@link
 * SlackReplays}).
 *
 * <p>With an app-level token the same handlers also take requests over Socket Mode, for teams
 * without a public URL: Firebreak opens the WebSocket to Slack, so nothing needs to reach it, and
 * the connection itself (authenticated by the token) replaces the signature check.
 */
public final class SlackEndpoints implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SlackEndpoints.class);
  public static final String COMMANDS = "/slack/commands";
  public static final String INTERACTIONS = "/slack/interactions";

  private final App app;
  private final SlackRequestParser parser;
  private final SlackSignature.Verifier verifier;
  private final SlackReplays replays = new SlackReplays(Clock.systemUTC());
  private final DeferredReplies replies;
  private final SocketModeApp socketMode;

  /**
   * With a bot token this calls Slack's auth.test once, as Bolt checks the token at start; with an
   * app token it opens the Socket Mode connection (and keeps reopening it) in the background.
   */
  public SlackEndpoints(
      SlackSettings settings,
      FirebreakConfig config,
      IncidentServices incidents,
      MaintenanceWindows windows) {
    this(settings, config, incidents, windows, null);
  }

  /**
   * @param heartbeats what {@code /heartbeat} reads the configured heartbeats through; null when
   *     this process does not answer it
   */
  public SlackEndpoints(
      SlackSettings settings,
      FirebreakConfig config,
      IncidentServices incidents,
      MaintenanceWindows windows,
      HeartbeatWorkflows heartbeats) {
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(settings.apiUrl());
    // The SDK's per-call metrics resolve the team with extra auth.test calls; Firebreak has its own
    // metrics.
    slackConfig.setStatsEnabled(false);
    Slack slack = Slack.getInstance(slackConfig);
    AppConfig appConfig =
        AppConfig.builder()
            .slack(slack)
            .signingSecret(settings.signingSecret())
            .singleTeamBotToken(settings.botToken())
            .build();
    this.app = new App(appConfig);
    this.parser = new SlackRequestParser(appConfig);
    this.verifier =
        settings.signingSecret() == null
            ? null
            : new SlackSignature.Verifier(new SlackSignature.Generator(settings.signingSecret()));
    this.replies = new DeferredReplies(new ResponseUrls(slack)::send, settings.inlineBudget());
    new SlackHandlers(
            new IncidentCommands(
                incidents,
                new IncidentRollbacks(incidents, config),
                new ActionRuns(incidents, config),
                new TemporalFailures()),
            new MaintenanceCommands(windows, new TemporalFailures(), Clock.systemUTC()),
            new HeartbeatCommands(
                heartbeats == null
                    ? List.of()
                    : config.heartbeats().stream().map(HeartbeatConfig::name).toList(),
                heartbeats),
            new OnCallCommands(
                new OnCallGateway(
                    new OnCallSchedules(
                        incidents.client(), TaskQueue.NAME, OnCallSpecs.schedules(config.oncall())),
                    Clock.systemUTC())),
            SlackRoles.from(config.providers().slack()),
            replies,
            config,
            settings.botToken() != null)
        .register(app);
    this.socketMode = settings.appToken() == null ? null : openSocketMode(settings.appToken());
    log.info(
        "Slack ready: HTTP {}; Socket Mode {}",
        servesHttp() ? "at " + COMMANDS + " and " + INTERACTIONS : "off (no signing secret)",
        socketMode == null
            ? "off (set SLACK_APP_TOKEN to connect without a public URL)"
            : "connecting");
  }

  private SocketModeApp openSocketMode(String appToken) {
    try {
      SocketModeApp connection =
          new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, app);
      connection.startAsync();
      return connection;
    } catch (Exception e) {
      // A refused token or an unreachable Slack must not stop incidents; the HTTP endpoints may
      // still serve.
      log.error("Slack Socket Mode did not connect: {}", e.toString());
      return null;
    }
  }

  /** Whether requests can be verified, and so whether the HTTP endpoints are served. */
  public boolean servesHttp() {
    return verifier != null;
  }

  /**
   * Mounts the endpoints when a signing secret is set; they carry no bearer token: the Slack
   * signature is their authentication.
   */
  public void register(RoutesConfig routes) {
    if (servesHttp()) {
      routes.post(COMMANDS, this::handle);
      routes.post(INTERACTIONS, this::handle);
    }
  }

  private void handle(Context ctx) {
    String body = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new HashMap<>();
    ctx.headerMap().forEach((name, value) -> headers.put(name, List.of(value)));
    RequestHeaders requestHeaders = new RequestHeaders(headers);
    String timestamp =
        requestHeaders.getFirstValue(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
    String signature = requestHeaders.getFirstValue(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
    if (!replays.current(timestamp)) {
      // Bolt refuses stale timestamps only; one from the future is refused the same way.
      log.info(
          "Slack request on {} refused: its timestamp '{}' is not within 5 minutes of now",
          ctx.path(),
          timestamp);
      ctx.status(401).json(Map.of("error", "invalid request"));
      return;
    }
    String retry = ctx.header("X-Slack-Retry-Num");
    if (verifier.isValid(timestamp, body, signature)
        && !replays.firstSight(timestamp, signature, body, retry != null)) {
      // Acknowledged so Slack stops retrying; the first delivery is handled (or being handled)
      // already.
      log.info(
          "Slack request on {} handled already ({}); acknowledged without running it again",
          ctx.path(),
          retry != null ? "Slack's retry " + retry : "a replay of the same signature");
      ctx.status(200).result("");
      return;
    }
    Request<?> request;
    try {
      request =
          parser.parse(
              SlackRequestParser.HttpRequest.builder()
                  .requestUri(ctx.path())
                  .queryString(ctx.queryParamMap())
                  .requestBody(body)
                  .headers(requestHeaders)
                  .remoteAddress(ctx.ip())
                  .build());
    } catch (RuntimeException unreadable) {
      // Bolt verifies after parsing; a body it cannot parse is still told apart: forged or just
      // malformed.
      boolean signed = verifier.isValid(timestamp, body, signature);
      log.info(
          "Unreadable Slack request on {} ({}): {}",
          ctx.path(),
          signed ? "signed" : "not signed",
          unreadable.toString());
      ctx.status(signed ? 400 : 401).json(Map.of("error", "invalid request"));
      return;
    }
    Response response;
    try {
      response = app.run(request);
    } catch (Exception e) {
      log.error("Slack request on {} failed", ctx.path(), e);
      ctx.status(200)
          .json(
              Map.of(
                  "response_type",
                  "ephemeral",
                  "text",
                  "Something went wrong on our side; the details are in the Firebreak log."));
      return;
    }
    ctx.status(response.getStatusCode());
    if (response.getHeaders() != null) {
      response
          .getHeaders()
          .forEach((name, values) -> values.forEach(value -> ctx.header(name, value)));
    }
    if (response.getContentType() != null) {
      ctx.contentType(response.getContentType());
    }
    ctx.result(response.getBody() == null ? "" : response.getBody());
  }

  @Override
  public void close() {
    if (socketMode != null) {
      try {
        socketMode.close();
      } catch (Exception e) {
        log.warn("Closing Slack Socket Mode failed: {}", e.toString());
      }
    }
    replies.close();
    try {
      app.stop();
    } catch (Exception e) {
      log.warn("Stopping the Slack app failed: {}", e.toString());
    }
  }
}
