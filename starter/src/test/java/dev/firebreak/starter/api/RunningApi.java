package dev.firebreak.starter.api;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.JobSpecFactory;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.jobs.JobRunner;
import dev.firebreak.starter.jobs.WebhookReplaySettings;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.maintenance.RunningWindows;
import dev.firebreak.starter.rollbacks.RollbackLocks;
import dev.firebreak.starter.schedules.CronJobScheduler;
import dev.firebreak.starter.schedules.DueSignals;
import dev.firebreak.starter.schedules.JobReconciler;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflowImpl;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.RecordingStatusPage;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.job.JobFanOutWorkflowImpl;
import dev.firebreak.workflows.job.JobTickWorkflowImpl;
import dev.firebreak.workflows.job.JobWorkflowImpl;
import dev.firebreak.workflows.job.ScriptedJobCalls;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflowImpl;
import dev.firebreak.workflows.maintenance.RecordingMail;
import dev.firebreak.workflows.maintenance.RecurringWindowWorkflowImpl;
import dev.firebreak.workflows.maintenance.ScriptedActions;
import dev.firebreak.workflows.playbook.ActionRunWorkflowImpl;
import dev.firebreak.workflows.playbook.RecordingPlatform;
import dev.firebreak.workflows.rollback.RollbackLockWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackWorkflowImpl;
import dev.firebreak.workflows.rollback.ScriptedDeploys;
import dev.firebreak.workflows.webhooks.ScriptedWebhooks;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The API on a real in-process Temporal test server whose worker runs the real incident workflow
 * and rollbacks (with the workflow tests' recording chat and pager, a platform that rolls back at
 * once, and services that are healthy until {@link #diagnostics} says otherwise), with three
 * tokens: {@code admin-token} (ci), {@code responder-token} (alice), {@code viewer-token}
 * (dashboard). Register it per test with {@code @RegisterExtension}; it stops after each test.
 */
public final class RunningApi implements AfterEachCallback {

  public static final String CONFIG =
      """
      organisation: Test
      incident:
        monitoringPeriod: 1s
        monitoringCheckInterval: 1s
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      services:
        - name: recoup-backend
          healthUrl: http://127.0.0.1:9/health
          platform: render
          platformId: srv-1
          dependencies:
            - { name: stripe, statusPage: "http://127.0.0.1:9/status" }
        - name: talk-to-my-lawyer
          platform: vercel
          platformId: prj_1
          rollback: { approval: true, roles: [responder] }
      maintenance:
        windows:
          - name: backend-monthly
            services: [recoup-backend]
            recurrence: "first Sunday of the month 02:00 UTC"
            duration: 2h
            announce: { channel: "#ops" }
            preChecks:
              - { name: create-backup, http: { url: "http://127.0.0.1:9/backup" } }
            monitoringPeriod: 1s
            monitoringInterval: 1s
            rollback: false
        steps:
          - { name: purge-cdn, http: { url: "http://127.0.0.1:9/purge", headers: { Authorization: "Bearer ${CDN_TOKEN}" } } }
        allowedHosts: [ops.recoup.test]
      jobs:
        - name: payment-verification
          schedule: "0 2 * * *"
          action: { url: "https://app.recoup.test/api/cron/payment-verification", headers: { Authorization: "Bearer ${CRON_SECRET}" } }
        - name: collections-sync
          schedule: "0 3 * * *"
          action: { url: "https://app.recoup.test/api/cron/collections?since={{since}}", body: '{"note":"{{note}}"}' }
          parameters:
            - { name: since, pattern: "[0-9]+[hd]", defaultValue: 24h }
            - { name: note, defaultValue: nightly }
        - name: stripe-webhook-retry
          schedule: "*/15 * * * *"
          action: { kind: webhook-retry, parameters: { provider: stripe, endpointUrl: "https://app.recoup.test/api/webhooks/stripe", signingSecret: "${STRIPE_WEBHOOK_SECRET}" } }
      playbooks:
        - name: site-down
          title: Site down
          match: { services: [talk-to-my-lawyer], words: [down] }
          symptoms: Every page answers 5xx.
          checklist: [Check the platform's status, Roll back the last deploy]
          prevention: [Alert on 5xx above 1 %]
        - name: payments
          title: Payment processing broken
          checklist: [Check Stripe's status]
          prevention: [Add a synthetic checkout]
          actions:
            - name: circuit-breaker
              title: Serve mock data
              kind: env
              service: recoup-backend
              set: { ENABLE_MOCK_DATA: "true" }
              confirm: Switch checkout to mock data?
              approval: { roles: [responder], expiresAfter: 15m }
              verify: [recoup-backend]
              undo: close-breaker
            - { name: close-breaker, title: Serve real data, kind: env, service: recoup-backend, unset: [ENABLE_MOCK_DATA] }
            - name: scale
              title: Scale the backend
              kind: scale
              service: recoup-backend
              instances: "{{count}}"
              parameters: [{ name: count, type: integer, min: 1, max: 10 }]
            - { name: restart, kind: restart, service: recoup-backend, roles: [admin] }
            - { name: verify-payments, title: Verify payments now, kind: job, job: payment-verification }
            - name: replay-stripe-events
              kind: replay-webhooks
              job: stripe-webhook-retry
              eventIds: "{{eventIds}}"
              parameters: [{ name: eventIds, type: list, pattern: "evt_[A-Za-z0-9]+" }]
            - name: sync-collections
              title: Sync collections again
              kind: job
              job: collections-sync
              with: { since: "{{days}}d" }
              parameters: [{ name: days, type: integer, min: 1, max: 30, defaultValue: "1" }]
      """;

  /**
   * The process's registry: the API's own meters and, as in the real process, the workflows'
   * metrics.
   */
  public final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private final Scope workflowMetrics =
      new RootScopeBuilder()
          .reporter(new MicrometerClientStatsReporter(registry))
          .reportEvery(com.uber.m3.util.Duration.ofMillis(10));
  // Real time: the API waits on workflows, and time skipping would jump idle incidents to their
  // timeout.
  public final TestWorkflowEnvironment temporal =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder()
              .setUseTimeskipping(false)
              .setMetricsScope(workflowMetrics)
              .build());
  public final AtomicBoolean temporalReachable = new AtomicBoolean(true);
  public final ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
  public final ScriptedDeploys deploys = new ScriptedDeploys();
  public final ScriptedActions actions = new ScriptedActions();
  public final RecordingChat chat = new RecordingChat();
  public final ScriptedJobCalls jobCalls = new ScriptedJobCalls();
  public final RecordingPlatform platform = new RecordingPlatform();

  /** Stripe's failed events and the application's webhook endpoint, for replay-webhooks. */
  public final ScriptedWebhooks stripe = new ScriptedWebhooks().events(3);

  public final ApiServer server;
  private final ApiRequests requests = new ApiRequests(this::baseUrl);

  public RunningApi() {
    // The worker's environment, for the configured steps that reference it (purge-cdn).
    actions.environment.put("CDN_TOKEN", "cdn-token-value");
    Worker worker = temporal.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(
        IncidentWorkflowImpl.class,
        RollbackWorkflowImpl.class,
        RollbackLockWorkflowImpl.class,
        MaintenanceWindowWorkflowImpl.class,
        JobWorkflowImpl.class,
        JobTickWorkflowImpl.class,
        JobFanOutWorkflowImpl.class,
        RecurringWindowWorkflowImpl.class,
        HeartbeatWorkflowImpl.class,
        ActionRunWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        chat,
        new RecordingPager(),
        diagnostics,
        deploys,
        actions,
        new RecordingMail(),
        new RecordingStatusPage(),
        platform,
        jobCalls,
        new RollbackLocks(temporal.getWorkflowClient()),
        new RunningWindows(temporal.getWorkflowClient()),
        new DueSignals(temporal.getWorkflowClient()),
        new JobRunner(temporal.getWorkflowClient(), Duration.ofMillis(50)),
        new WebhookReplaySettings(new ConfigLoader().load(CONFIG)),
        stripe);
    temporal.start();
    server = newServer().start("127.0.0.1", 0);
  }

  /** Another API replica on the same Temporal, as a second process would be. */
  public ApiServer newServer() {
    FirebreakConfig config = new ConfigLoader().load(CONFIG);
    return new ApiServer(
        temporal.getWorkflowClient(), config, tokens(), registry, temporalReachable::get, false);
  }

  /**
   * An API replica on its own config, serving beside the API the routes {@code extraRoutes} makes
   * from the incident services it shares (as the process adds its Slack and webhook endpoints). Not
   * started.
   */
  public ApiServer newServer(
      String configText, Function<IncidentServices, Consumer<RoutesConfig>> extraRoutes) {
    FirebreakConfig config = new ConfigLoader().load(configText);
    IncidentServices incidents = IncidentServices.of(temporal.getWorkflowClient(), config, false);
    return new ApiServer(
        incidents,
        new MaintenanceWindows(incidents, config, Clock.systemUTC()),
        config,
        tokens(),
        registry,
        temporalReachable::get,
        extraRoutes.apply(incidents));
  }

  private static ApiTokens tokens() {
    return ApiTokens.none()
        .with("admin-token", new ApiCaller("ci", Set.of(Role.ADMIN)))
        .with("responder-token", new ApiCaller("alice", Set.of(Role.RESPONDER)))
        .with("viewer-token", new ApiCaller("dashboard", Set.of(Role.VIEWER)));
  }

  /**
   * The metrics line saying one incident of the severity was declared. The incident counts itself,
   * so the line carries Temporal's tags (namespace, task queue, workflow type) beside the severity.
   */
  public static Pattern declaredOnce(String severity) {
    return Pattern.compile(
        "(?m)^firebreak_incidents_declared_total\\{[^}]*severity=\""
            + severity
            + "\"[^}]*} 1\\.0$");
  }

  /**
   * What a worker does at start with the config's jobs: each gets its job workflow (cron on the
   * test server).
   */
  public void scheduleTheConfiguredJobs() {
    FirebreakConfig config = new ConfigLoader().load(CONFIG);
    var specs =
        new JobSpecFactory(config, new IncidentPolicyFactory(config, false), name -> null).specs();
    var client = temporal.getWorkflowClient();
    new JobReconciler(client, new CronJobScheduler(client, TaskQueue.NAME), TaskQueue.NAME)
        .reconcile(specs);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  public HttpResponse<String> get(String path, String token) {
    return requests.get(path, token);
  }

  public HttpResponse<String> post(String path, String token, String json) {
    return requests.post(path, token, json);
  }

  public HttpRequest.Builder request(String path, String token) {
    return requests.request(path, token);
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    return requests.send(request);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.stop();
    temporal.close();
    try {
      workflowMetrics.close();
    } catch (ScopeCloseException e) {
      throw new IllegalStateException(e);
    }
  }
}
