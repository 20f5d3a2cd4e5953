package dev.firebreak.starter.slack;

import dev.firebreak.starter.api.ApiServer;
import dev.firebreak.starter.api.RunningApi;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.heartbeats.HeartbeatWorkflows;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link RunningApi}'s Temporal and incident workflow with the Slack endpoints mounted on an API
 * server, signed with {@value #SECRET}. U0VIEWER is a viewer, U0ADMIN an admin, everyone else a
 * responder (the default). No bot token, so nothing calls Slack's Web API.
 */
final class RunningSlack implements AfterEachCallback {

  static final String SECRET = "test-signing-secret";
  static final String CONFIG =
      RunningApi.CONFIG
          + """
      providers:
        slack:
          signingSecret: ${SLACK_SIGNING_SECRET}
          users: { U0VIEWER: viewer, U0ADMIN: admin }
      heartbeats:
        - { name: webhook-retry, period: 15m, pingToken: "${HB_WEBHOOK_RETRY}" }
        - { name: data-purge, cron: "0 3 * * 0", pingToken: "${HB_DATA_PURGE}" }
      """;

  final RunningApi api = new RunningApi();
  final SlackEndpoints slack;
  final ApiServer server;
  final SlackRequests requests;

  RunningSlack() {
    FirebreakConfig config = new ConfigLoader().load(CONFIG);
    IncidentServices incidents =
        IncidentServices.of(api.temporal.getWorkflowClient(), config, false);
    MaintenanceWindows windows = new MaintenanceWindows(incidents, config, Clock.systemUTC());
    slack =
        new SlackEndpoints(
            new SlackSettings(
                SECRET, null, SlackSettings.DEFAULT_API_URL, Duration.ofSeconds(2), null),
            config,
            incidents,
            windows,
            new HeartbeatWorkflows(api.temporal.getWorkflowClient(), TaskQueue.NAME));
    server =
        new ApiServer(
                incidents,
                windows,
                config,
                ApiTokens.none(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> true,
                slack::register)
            .start("127.0.0.1", 0);
    requests = new SlackRequests("http://127.0.0.1:" + server.port(), SECRET);
  }

  /** The incident's state, asked of its workflow directly. */
  IncidentView incident(String id) {
    return api.temporal
        .getWorkflowClient()
        .newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId(id))
        .state();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.stop();
    slack.close();
    api.afterEach(context);
  }
}
