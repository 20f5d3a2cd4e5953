package dev.firebreak.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.http.CredentialRedactor;
import dev.firebreak.starter.api.ApiRequests;
import dev.firebreak.starter.api.ApiServer;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.HeartbeatSpecFactory;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.SecretResolver;
import dev.firebreak.starter.heartbeats.HeartbeatPings;
import dev.firebreak.starter.heartbeats.HeartbeatReconciler;
import dev.firebreak.starter.heartbeats.HeartbeatWorkflows;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflowImpl;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The API with two heartbeats as the process wires it (the worker's credential redactor, the ping
 * tokens and the project's ping key resolved from the environment) on an in-process Temporal test
 * server in real time, with tokens {@code responder-token} (alice) and {@code viewer-token}
 * (dashboard). Register it per test with {@code @RegisterExtension}; it stops after each test.
 */
final class RunningHeartbeatApi implements AfterEachCallback {

  static final String TOKEN = "3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b";

  /**
   * The project's ping key: {@code /ping/<key>/webhook-retry}, {@code /ping/<key>/purge_weekly}.
   */
  static final String PING_KEY = "k3yk3yk3yk3yk3yk3yk3yw";

  static final String CONFIG =
      """
      organisation: Test
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      services:
        - name: recoup-backend
      heartbeatPingKey: "${HB_PING_KEY}"
      heartbeats:
        - { name: webhook-retry, period: 15m, grace: 5m, maxRunTime: 10m, pingToken: "${HB_WEBHOOK_RETRY}" }
        - { name: data-purge, cron: "0 3 * * 0", pingToken: "${HB_DATA_PURGE}", slug: purge_weekly }
      """;
  private static final ObjectMapper JSON = new ObjectMapper();

  final TestWorkflowEnvironment temporal =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
  final FirebreakConfig config = new ConfigLoader().load(CONFIG);
  final HeartbeatPings pings;
  final ApiServer server;
  private final ApiRequests requests = new ApiRequests(this::baseUrl);

  RunningHeartbeatApi() {
    Worker worker = temporal.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(
        HeartbeatWorkflowImpl.class, IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RecordingChat(),
        new RecordingPager(),
        new ScriptedDiagnostics(),
        new RecordingNotices());
    temporal.start();
    var client = temporal.getWorkflowClient();
    IncidentServices incidents = IncidentServices.of(client, config, false);
    ApiTokens tokens =
        ApiTokens.none()
            .with("responder-token", new ApiCaller("alice", Set.of(Role.RESPONDER)))
            .with("viewer-token", new ApiCaller("dashboard", Set.of(Role.VIEWER)));
    Map<String, String> env = Map.of("HB_WEBHOOK_RETRY", TOKEN, "HB_PING_KEY", PING_KEY);
    pings =
        HeartbeatPings.of(
            config,
            new HeartbeatSpecFactory(config, new IncidentPolicyFactory(config, false)),
            new SecretResolver(env::get),
            new HeartbeatWorkflows(client, TaskQueue.NAME),
            CredentialRedactor::redact,
            Clock.systemUTC());
    server =
        new ApiServer(
                incidents,
                new MaintenanceWindows(incidents, config, Clock.systemUTC()),
                config,
                tokens,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> true,
                routes -> {},
                pings)
            .start("127.0.0.1", 0);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.stop();
    temporal.close();
  }

  /** What a worker does at start: every configured heartbeat gets its workflow. */
  void startTheConfiguredHeartbeats() {
    new HeartbeatReconciler(new HeartbeatWorkflows(temporal.getWorkflowClient(), TaskQueue.NAME))
        .reconcile(pings.specs());
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    return requests.send(request);
  }

  HttpRequest.Builder request(String path, String token) {
    return requests.request(path, token);
  }

  HttpResponse<String> get(String path) {
    return requests.get(path, null);
  }

  HttpResponse<String> post(String path, String token, String body) {
    return requests.post(path, token, body);
  }

  JsonNode heartbeat(String name) {
    return json(send(request("/api/v1/heartbeats/" + name, "viewer-token").GET()));
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
