package dev.firebreak.workflows.rollback;

import dev.firebreak.workflows.common.Delivery;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Workflow tests' platform: rollbacks go live at once unless a test makes the platform refuse them.
 */
public class ScriptedDeploys implements DeployActivities {
  public volatile String refusal;
  public final List<RollbackCommand> rollbacks = new CopyOnWriteArrayList<>();
  public final List<RollbackCheck> checks = new CopyOnWriteArrayList<>();
  public final List<PlatformService> restarts = new CopyOnWriteArrayList<>();

  @Override
  public RollbackStarted rollBack(RollbackCommand command) {
    if (refusal != null) {
      throw ApplicationFailure.newNonRetryableFailure(refusal, "ProviderRejected");
    }
    rollbacks.add(command);
    return new RollbackStarted(
        "ref-" + command.deploymentId(),
        false,
        "Rollback to " + command.deploymentId() + " requested");
  }

  @Override
  public Delivery awaitRollbackLive(RollbackCheck check) {
    checks.add(check);
    return Delivery.sent(check.deploymentId() + " is live");
  }

  @Override
  public Delivery restartService(PlatformService service) {
    restarts.add(service);
    return Delivery.sent("restarted " + service.service());
  }
}
