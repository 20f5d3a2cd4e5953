package dev.firebreak.activities.deploy;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.playbook.DeployStarted;
import dev.firebreak.workflows.playbook.DeployWatch;
import dev.firebreak.workflows.playbook.EnvChange;
import dev.firebreak.workflows.playbook.EnvChanged;
import dev.firebreak.workflows.playbook.PlatformActivities;
import dev.firebreak.workflows.playbook.RedeployRequest;
import dev.firebreak.workflows.playbook.ScaleRequest;
import dev.firebreak.workflows.rollback.PlatformService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playbook changes through the platform clients the configuration provides; a platform without a
 * client is handed to the dry-run stand-in, so dev mode plays a whole action without any token.
 * Details name variables, never their values: a value may be a secret.
 */
public final class PlatformActivitiesImpl implements PlatformActivities {

  public static final String DEPLOY_FAILED = "DeployFailed";
  private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(PlatformActivitiesImpl.class);

  private final Map<DeployPlatform, PlatformChanges> platforms =
      new EnumMap<>(DeployPlatform.class);
  private final PlatformActivities dryRun;

  /**
   * @param platforms the configured platform clients
   * @param dryRun answers for the platforms left out
   */
  public PlatformActivitiesImpl(
      List<? extends PlatformChanges> platforms, PlatformActivities dryRun) {
    platforms.forEach(p -> this.platforms.put(p.platform(), p));
    this.dryRun = dryRun;
  }

  @Override
  public EnvChanged changeEnv(EnvChange change) {
    PlatformService service = change.service();
    PlatformChanges client = clientFor(service);
    if (client == null) {
      return dryRun.changeEnv(change);
    }
    List<String> written = client.changeEnv(service.platformId(), change.set(), change.unset());
    List<String> unchanged =
        Stream.concat(change.set().keySet().stream().sorted(), change.unset().stream())
            .filter(name -> !written.contains(name))
            .toList();
    List<String> parts = new ArrayList<>();
    if (!written.isEmpty()) {
      parts.add("Changed " + String.join(", ", written) + " of " + on(service, client));
    }
    if (!unchanged.isEmpty()) {
      parts.add(
          (written.isEmpty() ? "Nothing to change on " + on(service, client) + ": " : "")
              + String.join(", ", unchanged)
              + " already as asked");
    }
    String detail = String.join("; ", parts);
    log.info("{} {}", service.service(), detail);
    return new EnvChanged(written, false, detail);
  }

  @Override
  public DeployStarted redeploy(RedeployRequest request) {
    PlatformService service = request.service();
    PlatformChanges client = clientFor(service);
    if (client == null) {
      return dryRun.redeploy(request);
    }
    DeployStarted started =
        client.redeploy(service.platformId(), request.notBefore(), request.reason());
    log.info("{} {}", service.service(), started.detail());
    return started;
  }

  /** Polls until live; see {@link LivePolling}. */
  @Override
  public Delivery awaitDeployLive(DeployWatch watch) {
    PlatformService service = watch.service();
    PlatformChanges client = clientFor(service);
    if (client == null) {
      return dryRun.awaitDeployLive(watch);
    }
    Delivery live =
        LivePolling.untilLive(
            () -> client.deployProgress(service.platformId(), watch.deployRef()),
            Objects.requireNonNullElse(watch.pollInterval(), DEFAULT_POLL_INTERVAL),
            service.service(),
            DEPLOY_FAILED);
    log.info("{} {}", service.service(), live.detail());
    return live;
  }

  @Override
  public Delivery scale(ScaleRequest request) {
    PlatformService service = request.service();
    PlatformChanges client = clientFor(service);
    if (client == null) {
      return dryRun.scale(request);
    }
    boolean changed = client.scale(service.platformId(), request.instances());
    String detail =
        (changed ? "Scaled " : "Left ")
            + on(service, client)
            + (changed ? " to " : " at ")
            + request.instances()
            + (request.instances() == 1 ? " instance" : " instances")
            + (changed ? "" : ", already running that many");
    log.info("{} {}", service.service(), detail);
    return Delivery.sent(detail);
  }

  private PlatformChanges clientFor(PlatformService service) {
    return platforms.get(DeployPlatform.of(service, "change"));
  }

  private static String on(PlatformService service, PlatformChanges client) {
    return service.service() + " on " + client.platform().configName();
  }
}
