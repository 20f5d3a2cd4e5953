package dev.firebreak.starter.api;

import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.oncall.HandoffActivities;
import dev.firebreak.workflows.oncall.OnCallScheduleWorkflowImpl;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The API with two on-call schedules on an in-process Temporal test server (real time) whose worker
 * runs the schedules' workflows, with {@code responder-token} (alice) and {@code viewer-token}
 * (dashboard). Register it per test with {@code @RegisterExtension}.
 */
public final class RunningOnCallApi implements AfterEachCallback {

  /** One schedule that always has Alice (a daily rotation of one), and one of Bob on weekdays. */
  public static final String CONFIG =
      """
      organisation: Test
      escalation:
        levels:
          - { name: primary, targets: ["slack:U0ALICE"] }
      services:
        - { name: api }
      oncall:
        schedules:
          - name: primary
            services: [api]
            layers:
              - name: Primary
                turn: daily
                start: 2026-01-01
                participants:
                  - { name: Alice, slackUserId: U0ALICE, phone: "+447700900001" }
          - name: office
            layers:
              - name: Office
                turn: weekly
                start: 2026-01-05
                participants: [{ name: Bob, slackUserId: U0BOB }]
                restrictions: [{ days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00" }]
      """;

  /**
   * {@link #CONFIG} and a schedule {@code rota} that takes turns daily at midnight UTC from 1
   * January 2026: Alice on even days since then, Bob on odd ones (see {@link #rotaPersonAt}).
   */
  public static final String ROTA_CONFIG =
      CONFIG
          + """
              - name: rota
                layers:
                  - name: Rota
                    turn: daily
                    start: 2026-01-01
                    participants:
                      - { name: Alice, slackUserId: U0ALICE }
                      - { name: Bob, slackUserId: U0BOB }
          """;

  /** Who {@code rota} of {@link #ROTA_CONFIG} has on call at {@code at}, without overrides. */
  public static String rotaPersonAt(Instant at) {
    long day = ChronoUnit.DAYS.between(Instant.parse("2026-01-01T00:00:00Z"), at);
    return Math.floorMod(day, 2) == 0 ? "Alice" : "Bob";
  }

  /**
   * Noon UTC {@code days} days from today: inside a {@code rota} shift that has not begun, so a
   * swap test does not depend on the time of day it runs at (a shift running at midnight would be
   * over by the time the request is made).
   */
  public static Instant rotaNoon(int days) {
    return Instant.now()
        .truncatedTo(ChronoUnit.DAYS)
        .plus(Duration.ofDays(days))
        .plus(Duration.ofHours(12));
  }

  /** The Slack member id of {@link #rotaPersonAt}. */
  public static String rotaSlackIdAt(Instant at) {
    return "U0" + rotaPersonAt(at).toUpperCase(Locale.ROOT);
  }

  public final RecordingChat chat = new RecordingChat();
  public final FirebreakConfig config;
  public final TestWorkflowEnvironment temporal =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
  private final ApiServer server;

  public RunningOnCallApi() {
    this(CONFIG);
  }

  /** The same API with another configuration, for schedules {@link #CONFIG} does not have. */
  public RunningOnCallApi(String configYaml) {
    config = new ConfigLoader().load(configYaml);
    Worker worker = temporal.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(OnCallScheduleWorkflowImpl.class);
    HandoffActivities noIncidents = services -> List.of();
    worker.registerActivitiesImplementations(chat, noIncidents);
    temporal.start();
    ApiTokens tokens =
        ApiTokens.none()
            .with("responder-token", new ApiCaller("alice", Set.of(Role.RESPONDER)))
            .with("viewer-token", new ApiCaller("dashboard", Set.of(Role.VIEWER)));
    server =
        new ApiServer(
                temporal.getWorkflowClient(),
                config,
                tokens,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> true,
                false)
            .start("127.0.0.1", 0);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Requests to this API. */
  public ApiRequests requests() {
    return new ApiRequests(this::baseUrl);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.stop();
    temporal.close();
  }
}
