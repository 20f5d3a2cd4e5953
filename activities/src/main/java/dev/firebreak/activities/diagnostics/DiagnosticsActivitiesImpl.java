package dev.firebreak.activities.diagnostics;

import dev.firebreak.activities.deploy.DeployLister;
import dev.firebreak.activities.deploy.DeployPlatform;
import dev.firebreak.activities.health.HttpHealthChecker;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.statuspage.StatusPageReader;
import dev.firebreak.workflows.diagnostics.DependencyStatus;
import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.DeployQuery;
import dev.firebreak.workflows.diagnostics.Deployment;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.diagnostics.Probe;
import dev.firebreak.workflows.diagnostics.ProbeResult;
import dev.firebreak.workflows.diagnostics.StatusPageCheck;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runbooks' "Assess" step. Health endpoints and public status pages are always read for real
 * (they are read-only and need no credentials); deploys are listed through the platform clients the
 * configuration provides, and for a platform without one the activity reports the call it would
 * have made instead, so dev mode shows the whole assessment without any tokens.
 */
public final class DiagnosticsActivitiesImpl implements DiagnosticsActivities {

  public static final String UNKNOWN_PLATFORM = "UnknownPlatform";
  private static final Logger log = LoggerFactory.getLogger(DiagnosticsActivitiesImpl.class);

  private final HttpHealthChecker health;
  private final StatusPageReader statusPages;
  private final HttpProber prober;
  private final Map<DeployPlatform, DeployLister> deployListers =
      new EnumMap<>(DeployPlatform.class);

  /**
   * @param deployListers the configured platform clients; platforms left out are dry-run
   */
  public DiagnosticsActivitiesImpl(
      HttpHealthChecker health,
      StatusPageReader statusPages,
      List<? extends DeployLister> deployListers) {
    this(health, statusPages, deployListers, HttpTransport.withCallDeadlinesOnly());
  }

  /**
   * @param transport what playbook probes are sent with
   */
  public DiagnosticsActivitiesImpl(
      HttpHealthChecker health,
      StatusPageReader statusPages,
      List<? extends DeployLister> deployListers,
      HttpTransport transport) {
    this.health = health;
    this.statusPages = statusPages;
    this.prober = new HttpProber(transport);
    deployListers.forEach(lister -> this.deployListers.put(lister.platform(), lister));
  }

  @Override
  public HealthResult checkHealth(HealthCheck check) {
    return health.check(check);
  }

  @Override
  public DependencyStatus checkStatusPage(StatusPageCheck check) {
    return statusPages.read(check);
  }

  @Override
  public DeployHistory recentDeploys(DeployQuery query) {
    DeployPlatform platform =
        DeployPlatform.named(query.platform())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "service "
                            + query.service()
                            + " is on platform '"
                            + query.platform()
                            + "', which Firebreak cannot read deploys from (known: "
                            + knownPlatforms()
                            + ")",
                        UNKNOWN_PLATFORM));
    DeployLister lister = deployListers.get(platform);
    if (lister == null) {
      String call = platform.describeListCall(query.platformId());
      log.info(
          "{} deploys not listed, {} is not configured; dry-run: {}",
          query.service(),
          platform.configName(),
          call);
      return new DeployHistory(query.service(), platform.configName(), List.of(), true, call);
    }
    List<Deployment> deployments =
        lister.recentProductionDeploys(query.platformId(), query.since());
    String found =
        deployments.size()
            + " production deploys on "
            + platform.configName()
            + (query.since() == null ? "" : " since " + query.since());
    log.info("{} has {}", query.service(), found);
    return new DeployHistory(query.service(), platform.configName(), deployments, false, found);
  }

  /**
   * An {@code http} probe, or a {@code status-page} probe: Statuspage's format when it has no
   * expectations, any JSON page judged by them otherwise.
   */
  @Override
  public ProbeResult probe(Probe probe) {
    if (Probe.STATUS_PAGE.equals(probe.kind()) && probe.expect().isEmpty()) {
      DependencyStatus status = statusPages.read(new StatusPageCheck(probe.name(), probe.url()));
      return new ProbeResult(
          probe.name(),
          probe.kind(),
          probe.critical(),
          !status.degraded() && !"unknown".equals(status.indicator()),
          status.indicator()
              + (status.description() == null ? "" : " (" + status.description() + ")"),
          status.dryRun());
    }
    return prober.probe(probe);
  }

  private static String knownPlatforms() {
    return Arrays.stream(DeployPlatform.values())
        .map(DeployPlatform::configName)
        .collect(Collectors.joining(", "));
  }
}
