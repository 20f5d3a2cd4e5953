package dev.firebreak.activities.deploy;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.rollback.DeployActivities;
import dev.firebreak.workflows.rollback.PlatformService;
import dev.firebreak.workflows.rollback.RollbackCheck;
import dev.firebreak.workflows.rollback.RollbackCommand;
import dev.firebreak.workflows.rollback.RollbackStarted;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollbacks and restarts through the platform clients the configuration provides. A platform
 * without a client is dry-run: the call it would have made is logged and returned (recorded in the
 * rollback, not sent), and the rollback counts as live at once, so dev mode plays a whole rollback
 * without any token.
 */
public final class DeployActivitiesImpl implements DeployActivities {

  public static final String ROLLBACK_FAILED = "RollbackFailed";
  private static final Logger log = LoggerFactory.getLogger(DeployActivitiesImpl.class);
  private static final String PREVIOUS = "<previous production deploy>";

  private final Map<DeployPlatform, RollbackPlatform> platforms =
      new EnumMap<>(DeployPlatform.class);

  /**
   * @param platforms the configured platform clients; platforms left out are dry-run
   */
  public DeployActivitiesImpl(List<? extends RollbackPlatform> platforms) {
    platforms.forEach(p -> this.platforms.put(p.platform(), p));
  }

  @Override
  public RollbackStarted rollBack(RollbackCommand command) {
    PlatformService service = command.service();
    DeployPlatform platform = platformOf(service);
    RollbackPlatform client = platforms.get(platform);
    if (client == null) {
      String call =
          "dry-run: "
              + platform.describeRollbackCall(
                  service.platformId(),
                  command.deploymentId() == null ? PREVIOUS : command.deploymentId());
      log.info("{} {}", command.workflowId(), call);
      return new RollbackStarted(command.deploymentId(), true, call);
    }
    String ref =
        client.startRollback(
            service.platformId(),
            command.deploymentId(),
            command.commit(),
            command.reason(),
            command.decidedAt());
    String detail =
        platform.configName()
            + " accepted the rollback of "
            + service.service()
            + " to "
            + command.deploymentId()
            + " (following "
            + ref
            + ")";
    log.info("{} {}", command.workflowId(), detail);
    return new RollbackStarted(ref, false, detail);
  }

  /** Polls until live; see {@link LivePolling}. */
  @Override
  public Delivery awaitRollbackLive(RollbackCheck check) {
    DeployPlatform platform = platformOf(check.service());
    RollbackPlatform client = platforms.get(platform);
    if (client == null) {
      return Delivery.dryRun("dry-run: " + check.service().service() + " counted as live at once");
    }
    Delivery live =
        LivePolling.untilLive(
            () ->
                client.rollbackProgress(
                    check.service().platformId(), check.deploymentId(), check.rollbackRef()),
            check.pollInterval(),
            check.service().service(),
            ROLLBACK_FAILED);
    log.info("{} {}", check.workflowId(), live.detail());
    return live;
  }

  @Override
  public Delivery restartService(PlatformService service) {
    DeployPlatform platform = platformOf(service);
    RollbackPlatform client = platforms.get(platform);
    if (client == null) {
      String call = "dry-run: " + platform.describeRestartCall(service.platformId());
      log.info("{} {}", service.service(), call);
      return Delivery.dryRun(call);
    }
    client.restart(service.platformId());
    log.info("{} restarted on {}", service.service(), platform.configName());
    return Delivery.sent("Restarted " + service.service() + " on " + platform.configName());
  }

  private static DeployPlatform platformOf(PlatformService service) {
    return DeployPlatform.of(service, "roll back");
  }
}
