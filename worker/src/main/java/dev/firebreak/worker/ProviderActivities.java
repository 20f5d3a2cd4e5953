package dev.firebreak.worker;

import dev.firebreak.activities.action.HttpActionActivitiesImpl;
import dev.firebreak.activities.deploy.DeployActivitiesImpl;
import dev.firebreak.activities.deploy.PlatformActivitiesImpl;
import dev.firebreak.activities.deploy.PlatformChanges;
import dev.firebreak.activities.deploy.RenderClient;
import dev.firebreak.activities.deploy.RollbackPlatform;
import dev.firebreak.activities.deploy.VercelClient;
import dev.firebreak.activities.diagnostics.DiagnosticsActivitiesImpl;
import dev.firebreak.activities.dryrun.DryRunChatActivities;
import dev.firebreak.activities.dryrun.DryRunHttpActionActivities;
import dev.firebreak.activities.dryrun.DryRunPagingActivities;
import dev.firebreak.activities.dryrun.DryRunPlatformActivities;
import dev.firebreak.activities.health.HealthConfirmation;
import dev.firebreak.activities.health.HttpHealthChecker;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.SecretExpander;
import dev.firebreak.activities.job.JobCallActivities;
import dev.firebreak.activities.slack.IncidentRooms;
import dev.firebreak.activities.slack.SlackChatActivities;
import dev.firebreak.activities.slack.SlackClient;
import dev.firebreak.activities.slack.SlackPagingActivities;
import dev.firebreak.activities.statuspage.StatusPageReader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.ProvidersConfig;
import dev.firebreak.starter.config.SecretResolver;
import dev.firebreak.workflows.notify.PagingActivities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, per provider, the real client or its dry-run stand-in: a provider is live when the
 * environment variables its config references are set. Base URLs can be overridden with {@code
 * <PROVIDER>_API_URL}, which is how tests and dev setups point a client at a fake.
 */
final class ProviderActivities implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProviderActivities.class);
  private static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(10);

  private final List<Object> implementations;
  private final PagingActivities paging;
  private final List<String> summary;
  private final List<AutoCloseable> resources;

  private ProviderActivities(
      List<Object> implementations,
      PagingActivities paging,
      List<String> summary,
      List<AutoCloseable> resources) {
    this.implementations = List.copyOf(implementations);
    this.paging = paging;
    this.summary = List.copyOf(summary);
    this.resources = List.copyOf(resources);
  }

  /**
   * @param devMode a configured HTTP call whose {@code ${SECRET}} is unset is described instead of
   *     failing, as a job with an unset secret is: a demo has no secrets
   */
  static ProviderActivities from(
      FirebreakConfig config, Function<String, String> env, boolean devMode) {
    SecretResolver secrets = new SecretResolver(env);
    HttpTransport transport = HttpTransport.withCallDeadlinesOnly();
    List<Object> implementations = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    List<AutoCloseable> resources = new ArrayList<>();

    ProvidersConfig.SlackProvider slack = config.providers().slack();
    Optional<String> slackToken =
        slack == null ? Optional.empty() : secrets.resolve(slack.botToken());
    boolean privateRooms = slack != null && slack.roomsArePrivate();
    PagingActivities slackPager;
    if (slackToken.isPresent()) {
      String url = urlFor(env, "SLACK", SlackClient.SLACK_API_URL);
      SlackClient client = new SlackClient(url, slackToken.get(), PROVIDER_TIMEOUT);
      resources.add(client::close);
      IncidentRooms rooms = new IncidentRooms(client, privateRooms);
      implementations.add(new SlackChatActivities(client, rooms));
      slackPager = new SlackPagingActivities(client, rooms);
      summary.add("Slack: live (" + url + ")");
    } else {
      implementations.add(new DryRunChatActivities(privateRooms));
      slackPager = new DryRunPagingActivities();
      summary.add(
          "Slack: dry-run ("
              + (slack == null ? "not configured" : "set SLACK_BOT_TOKEN to go live")
              + ")");
    }

    List<RollbackPlatform> deployListers = new ArrayList<>();
    List<PlatformChanges> platformClients = new ArrayList<>();
    ProvidersConfig.VercelProvider vercel = config.providers().vercel();
    Optional<String> vercelToken =
        vercel == null ? Optional.empty() : secrets.resolve(vercel.token());
    if (vercelToken.isPresent()) {
      String url = urlFor(env, "VERCEL", VercelClient.DEFAULT_BASE_URL);
      VercelClient client =
          new VercelClient(transport, url, vercelToken.get(), vercel.teamId(), PROVIDER_TIMEOUT);
      deployListers.add(client);
      platformClients.add(client);
      summary.add("Vercel: live (" + url + ")");
    } else {
      summary.add(
          "Vercel: dry-run ("
              + (vercel == null ? "not configured" : "set VERCEL_TOKEN to go live")
              + ")");
    }
    ProvidersConfig.RenderProvider render = config.providers().render();
    Optional<String> renderKey =
        render == null ? Optional.empty() : secrets.resolve(render.apiKey());
    if (renderKey.isPresent()) {
      String url = urlFor(env, "RENDER", RenderClient.DEFAULT_BASE_URL);
      RenderClient client = new RenderClient(transport, url, renderKey.get(), PROVIDER_TIMEOUT);
      deployListers.add(client);
      platformClients.add(client);
      summary.add("Render: live (" + url + ")");
    } else {
      summary.add(
          "Render: dry-run ("
              + (render == null ? "not configured" : "set RENDER_API_KEY to go live")
              + ")");
    }

    HealthConfirmation confirmation =
        new HealthConfirmation(
            config.healthChecks().confirmations(), config.healthChecks().intervalDuration());
    implementations.add(
        new DiagnosticsActivitiesImpl(
            new HttpHealthChecker(transport, confirmation),
            new StatusPageReader(transport, PROVIDER_TIMEOUT),
            deployListers,
            transport));
    implementations.add(new DeployActivitiesImpl(deployListers));
    implementations.add(
        new PlatformActivitiesImpl(platformClients, new DryRunPlatformActivities()));
    HttpActionActivitiesImpl httpActions =
        new HttpActionActivitiesImpl(
            transport, new SecretExpander(env), devMode ? new DryRunHttpActionActivities() : null);
    implementations.add(httpActions);
    implementations.add(new JobCallActivities(httpActions, new DryRunHttpActionActivities()));
    IncidentProviders incidentProviders =
        new IncidentProviders(config.providers(), env, transport, PROVIDER_TIMEOUT, summary);
    PagingActivities paging = incidentProviders.paging(slackPager);
    implementations.add(paging);
    implementations.addAll(incidentProviders.others());
    summary.forEach(line -> log.info("Provider {}", line));
    return new ProviderActivities(implementations, paging, summary, resources);
  }

  Object[] implementations() {
    return implementations.toArray();
  }

  /** The paging activities among {@link #implementations()}: every scheme to its provider. */
  PagingActivities paging() {
    return paging;
  }

  List<String> summary() {
    return summary;
  }

  static String urlFor(Function<String, String> env, String provider, String defaultUrl) {
    String override = env.apply(provider + "_API_URL");
    return override == null || override.isBlank() ? defaultUrl : override;
  }

  @Override
  public void close() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("Closing a provider client failed: {}", e.getMessage());
      }
    }
  }
}
