package dev.firebreak.activities.dryrun;

import dev.firebreak.activities.deploy.DeployPlatform;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.playbook.DeployStarted;
import dev.firebreak.workflows.playbook.DeployWatch;
import dev.firebreak.workflows.playbook.EnvChange;
import dev.firebreak.workflows.playbook.EnvChanged;
import dev.firebreak.workflows.playbook.PlatformActivities;
import dev.firebreak.workflows.playbook.RedeployRequest;
import dev.firebreak.workflows.playbook.ScaleRequest;
import dev.firebreak.workflows.rollback.PlatformService;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A platform not configured: each change is logged and returned as the call it would have made,
 * naming variables but never their values. Every variable counts as written, because nothing was
 * read to compare with, so the action goes on to show the redeploy it would start; the deploy
 * counts as live at once.
 */
public final class DryRunPlatformActivities implements PlatformActivities {

  /** The deploy reference a dry-run redeploy hands on to the wait. */
  public static final String DRY_RUN_DEPLOY = "dry-run";

  private static final Logger log = LoggerFactory.getLogger(DryRunPlatformActivities.class);

  @Override
  public EnvChanged changeEnv(EnvChange change) {
    PlatformService service = change.service();
    List<String> set = change.set().keySet().stream().sorted().toList();
    String call = platformOf(service).describeEnvCall(service.platformId(), set, change.unset());
    Delivery logged = DryRunCall.log(log, service.service(), call);
    return new EnvChanged(
        Stream.concat(set.stream(), change.unset().stream()).toList(), true, logged.detail());
  }

  @Override
  public DeployStarted redeploy(RedeployRequest request) {
    PlatformService service = request.service();
    String call = platformOf(service).describeRedeployCall(service.platformId());
    Delivery logged = DryRunCall.log(log, service.service(), call);
    return new DeployStarted(DRY_RUN_DEPLOY, false, true, logged.detail());
  }

  @Override
  public Delivery awaitDeployLive(DeployWatch watch) {
    return Delivery.dryRun("dry-run: " + watch.service().service() + " counted as live at once");
  }

  @Override
  public Delivery scale(ScaleRequest request) {
    PlatformService service = request.service();
    String call = platformOf(service).describeScaleCall(service.platformId(), request.instances());
    return DryRunCall.log(log, service.service(), call);
  }

  private static DeployPlatform platformOf(PlatformService service) {
    return DeployPlatform.of(service, "change");
  }
}
