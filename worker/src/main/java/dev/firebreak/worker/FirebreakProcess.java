package dev.firebreak.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import dev.firebreak.activities.http.CredentialRedactor;
import dev.firebreak.starter.alerts.AlertEndpoint;
import dev.firebreak.starter.alerts.AlertJournal;
import dev.firebreak.starter.api.ApiServer;
import dev.firebreak.starter.api.TemporalProbe;
import dev.firebreak.starter.config.HeartbeatSpecFactory;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.OnCallSpecs;
import dev.firebreak.starter.config.ProvidersConfig;
import dev.firebreak.starter.config.SecretResolver;
import dev.firebreak.starter.heartbeats.HeartbeatPings;
import dev.firebreak.starter.heartbeats.HeartbeatReconciler;
import dev.firebreak.starter.heartbeats.HeartbeatWorkflows;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.jobs.JobRunner;
import dev.firebreak.starter.jobs.WebhookReplaySettings;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.maintenance.RunningWindows;
import dev.firebreak.starter.oncall.OnCallLookup;
import dev.firebreak.starter.oncall.OnCallReconciler;
import dev.firebreak.starter.oncall.OnCallSchedules;
import dev.firebreak.starter.oncall.OpenIncidentLines;
import dev.firebreak.starter.pagerduty.PagerDutyWebhooks;
import dev.firebreak.starter.rollbacks.RollbackLocks;
import dev.firebreak.starter.schedules.DueSignals;
import dev.firebreak.starter.schedules.RecurringWindows;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.starter.service.IssuedIds;
import dev.firebreak.starter.service.Role;
import dev.firebreak.starter.slack.SlackEndpoints;
import dev.firebreak.starter.slack.SlackSettings;
import dev.firebreak.starter.twilio.TwilioWebhooks;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflowImpl;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.job.JobFanOutWorkflowImpl;
import dev.firebreak.workflows.job.JobTickWorkflowImpl;
import dev.firebreak.workflows.job.JobWorkflowImpl;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflowImpl;
import dev.firebreak.workflows.maintenance.RecurringWindowWorkflowImpl;
import dev.firebreak.workflows.notify.Twiml;
import dev.firebreak.workflows.oncall.OnCallPaging;
import dev.firebreak.workflows.oncall.OnCallScheduleWorkflowImpl;
import dev.firebreak.workflows.playbook.ActionRunWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackLockWorkflowImpl;
import dev.firebreak.workflows.rollback.RollbackWorkflowImpl;
import dev.firebreak.workflows.webhooks.WebhookRetryWorkflowImpl;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Firebreak: the Temporal client, and the worker and/or the HTTP API. Workers and API
 * replicas hold no state of their own, so any number of them can run against one cluster.
 */
final class FirebreakProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FirebreakProcess.class);

  /**
   * Long polls the worker keeps open per task queue kind. With the SDK's five, a burst of
   * declarations finds no poll waiting and each new workflow task is written to the server's
   * backlog first: on the dev server that doubled declare → message p50 and tripled p99 at 10 in
   * flight.
   */
  static final int POLLERS = 16;

  static final String ALERT_JOURNAL_VARIABLE = "FIREBREAK_ALERT_JOURNAL";

  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final Scope metricsScope;
  private final WorkerFactory workers;
  private final ProviderActivities providers;
  private final ApiServer api;
  private final SlackEndpoints slack;
  private final AlertEndpoint alerts;

  private FirebreakProcess(
      WorkflowServiceStubs service,
      WorkflowClient client,
      Scope metricsScope,
      WorkerFactory workers,
      ProviderActivities providers,
      ApiServer api,
      SlackEndpoints slack,
      AlertEndpoint alerts) {
    this.service = service;
    this.client = client;
    this.metricsScope = metricsScope;
    this.workers = workers;
    this.providers = providers;
    this.api = api;
    this.slack = slack;
    this.alerts = alerts;
  }

  static FirebreakProcess start(ProcessSettings settings) {
    return start(settings, IssuedIds.NONE);
  }

  /**
   * @param issued where the API's ids outlive the process (dev mode: a file, as its server forgets
   *     them)
   */
  static FirebreakProcess start(ProcessSettings settings, IssuedIds issued) {
    PrometheusMeterRegistry registry = MetricsRegistry.create();
    Scope metricsScope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));
    WorkflowServiceStubsOptions.Builder connection =
        settings.embeddedChannel() == null
            ? TemporalConnection.options(settings.temporalTarget(), settings.env())
            : WorkflowServiceStubsOptions.newBuilder().setChannel(settings.embeddedChannel());
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(connection.setMetricsScope(metricsScope).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());

    WorkerFactory workers = null;
    ProviderActivities providers = null;
    if (settings.runWorker()) {
      providers = ProviderActivities.from(settings.config(), settings.env(), settings.devMode());
      // The SDK's defaults on purpose: 600 cached workflows, 600 workflow threads. An open incident
      // parks three threads, so past 200 open incidents a new one evicts an idle one, which replays
      // at its next event. Raising the thread limit to fit the cache measured no gain in the
      // incident
      // benchmark and cost about 250 KB resident per thread (310 MB more with 2,000 open).
      workers = WorkerFactory.newInstance(client);
      Worker worker =
          workers.newWorker(
              TaskQueue.NAME,
              WorkerOptions.newBuilder()
                  .setMaxConcurrentWorkflowTaskPollers(POLLERS)
                  .setMaxConcurrentActivityTaskPollers(POLLERS)
                  .build());
      worker.registerWorkflowImplementationTypes(
          IncidentWorkflowImpl.class,
          RollbackWorkflowImpl.class,
          RollbackLockWorkflowImpl.class,
          ActionRunWorkflowImpl.class,
          MaintenanceWindowWorkflowImpl.class,
          WebhookRetryWorkflowImpl.class,
          JobWorkflowImpl.class,
          JobTickWorkflowImpl.class,
          JobFanOutWorkflowImpl.class,
          RecurringWindowWorkflowImpl.class,
          HeartbeatWorkflowImpl.class,
          OnCallScheduleWorkflowImpl.class);
      worker.registerActivitiesImplementations(providers.implementations());
      worker.registerActivitiesImplementations(
          new RollbackLocks(client), new RunningWindows(client), new DueSignals(client));
      // The lookup is registered on its own too: incidents that began before their pages asked the
      // schedules themselves (IncidentVersions.ONCALL_PAGING) still ask it as an activity.
      OnCallLookup onCall = new OnCallLookup(onCallSchedules(client, settings));
      worker.registerActivitiesImplementations(
          onCall,
          new OnCallPaging(onCall, providers.paging()),
          new JobRunner(client, JobRunner.POLL_INTERVAL),
          new WebhookReplaySettings(settings.config()),
          new OpenIncidentLines(
              IncidentServices.of(client, settings.config(), settings.searchAttributes()).reads()));
      workers.start();
      log.info(
          "Worker polling task queue '{}' on {} (namespace {}, {})",
          TaskQueue.NAME,
          settings.temporalTarget(),
          settings.namespace(),
          TemporalConnection.describe(settings.temporalTarget(), settings.env()));
      ScheduledJobs.reconcile(
          client, settings.config(), settings.env(), settings.searchAttributes());
      new RecurringWindows(
              client,
              settings.config(),
              new IncidentPolicyFactory(settings.config(), settings.searchAttributes()),
              Clock.systemUTC())
          .reconcile();
      new HeartbeatReconciler(new HeartbeatWorkflows(client, TaskQueue.NAME))
          .reconcile(heartbeatSpecs(settings).specs());
      new OnCallReconciler(onCallSchedules(client, settings)).reconcile();
    }

    ApiServer api = null;
    SlackEndpoints slack = null;
    AlertEndpoint alerts = null;
    if (settings.runApi()) {
      ApiTokens tokens =
          ApiTokens.fromConfig(settings.config(), new SecretResolver(settings.env()));
      if (settings.devToken() != null) {
        tokens = tokens.with(settings.devToken(), new ApiCaller("dev", Set.of(Role.ADMIN)));
      }
      IncidentServices incidents =
          IncidentServices.of(client, settings.config(), settings.searchAttributes(), issued);
      MaintenanceWindows windows =
          new MaintenanceWindows(incidents, settings.config(), Clock.systemUTC());
      slack =
          SlackSettings.from(settings.config(), settings.env())
              .map(
                  slackSettings ->
                      new SlackEndpoints(
                          slackSettings,
                          settings.config(),
                          incidents,
                          windows,
                          new HeartbeatWorkflows(client, TaskQueue.NAME)))
              .orElse(null);
      Consumer<RoutesConfig> routes =
          slack == null ? settings.extraRoutes() : settings.extraRoutes().andThen(slack::register);
      alerts =
          new AlertEndpoint(
              settings.config(),
              tokens,
              new SecretResolver(settings.env()),
              incidents,
              registry,
              alertJournal(settings.env()),
              new RunningWindows(client)::silence);
      routes = routes.andThen(alerts::register);
      Optional<PagerDutyWebhooks> pagerDutyWebhooks =
          PagerDutyWebhooks.from(
              settings.config(), new SecretResolver(settings.env()), incidents.updates());
      if (pagerDutyWebhooks.isPresent()) {
        routes = routes.andThen(pagerDutyWebhooks.get()::register);
      }
      TwilioWebhooks twilio = twilioWebhooks(settings, incidents);
      if (twilio != null) {
        routes = routes.andThen(twilio::register);
      }
      api =
          new ApiServer(
                  incidents,
                  windows,
                  settings.config(),
                  tokens,
                  registry,
                  TemporalProbe.of(service, Duration.ofSeconds(2)),
                  routes,
                  HeartbeatPings.of(
                      settings.config(),
                      heartbeatSpecs(settings),
                      new SecretResolver(settings.env()),
                      new HeartbeatWorkflows(client, TaskQueue.NAME),
                      CredentialRedactor::redact,
                      Clock.systemUTC()))
              .start(settings.apiHost(), settings.apiPort());
      if (slack == null) {
        log.info(
            "Slack commands and buttons: off (set SLACK_SIGNING_SECRET to serve {} and {}, or SLACK_APP_TOKEN "
                + "for Socket Mode)",
            SlackEndpoints.COMMANDS,
            SlackEndpoints.INTERACTIONS);
      }
    }
    return new FirebreakProcess(
        service, client, metricsScope, workers, providers, api, slack, alerts);
  }

  /**
   * The webhooks a call's key press and a texted ACK come back to: served when Twilio is configured
   * with its public URL and its auth token is set, since without the token no request could be
   * verified.
   */
  private static TwilioWebhooks twilioWebhooks(
      ProcessSettings settings, IncidentServices incidents) {
    ProvidersConfig.TwilioProvider twilio = settings.config().providers().twilio();
    if (twilio == null || twilio.publicUrl() == null || twilio.publicUrl().isBlank()) {
      return null;
    }
    Optional<String> token = new SecretResolver(settings.env()).resolve(twilio.authToken());
    if (token.isEmpty()) {
      log.info(
          "Twilio webhooks: off (set the auth token providers.twilio.authToken names to serve {}"
              + " and {})",
          Twiml.VOICE_WEBHOOK,
          Twiml.SMS_WEBHOOK);
      return null;
    }
    log.info(
        "Twilio webhooks: {}{} and {}{}",
        twilio.publicUrl(),
        Twiml.VOICE_WEBHOOK,
        twilio.publicUrl(),
        Twiml.SMS_WEBHOOK);
    return new TwilioWebhooks(token.get(), twilio.publicUrl(), incidents);
  }

  /**
   * {@value #ALERT_JOURNAL_VARIABLE} names the directory where the API keeps the alerts it accepted
   * until they are delivered (dev mode sets it under its state directory); unset, each alert is
   * delivered before the sender hears 202.
   */
  private static AlertJournal alertJournal(Function<String, String> env) {
    String directory = env.apply(ALERT_JOURNAL_VARIABLE);
    return directory == null || directory.isBlank()
        ? null
        : AlertJournal.open(Path.of(directory.trim()));
  }

  private static OnCallSchedules onCallSchedules(WorkflowClient client, ProcessSettings settings) {
    return new OnCallSchedules(
        client, TaskQueue.NAME, OnCallSpecs.schedules(settings.config().oncall()));
  }

  private static HeartbeatSpecFactory heartbeatSpecs(ProcessSettings settings) {
    return new HeartbeatSpecFactory(
        settings.config(),
        new IncidentPolicyFactory(settings.config(), settings.searchAttributes()));
  }

  WorkflowClient client() {
    return client;
  }

  int apiPort() {
    return api == null ? -1 : api.port();
  }

  List<String> providerSummary() {
    return providers == null ? List.of() : providers.summary();
  }

  @Override
  public void close() {
    if (api != null) {
      api.stop();
    }
    if (slack != null) {
      slack.close();
    }
    if (alerts != null) {
      alerts.close();
    }
    if (workers != null) {
      workers.shutdown();
      workers.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (providers != null) {
      providers.close();
    }
    try {
      metricsScope.close();
    } catch (ScopeCloseException e) {
      log.warn("Closing the metrics scope failed: {}", e.getMessage());
    }
    service.shutdown();
  }
}
