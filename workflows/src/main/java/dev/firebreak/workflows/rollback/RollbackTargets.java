package dev.firebreak.workflows.rollback;

import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.Deployment;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the deploy to roll back to from the platform's recent production deploys (newest first):
 * the one named, or the newest successful deploy before the one live now. Deploys that failed to
 * build or start are never targets: rolling back to a broken build only swaps one outage for
 * another.
 */
public final class RollbackTargets {

  static final String NO_TARGET = "NoRollbackTarget";

  /** Vercel's READY, Render's live (serving now) and deactivated (served before, then replaced). */
  private static final Set<String> SUCCESSFUL = Set.of("ready", "live", "deactivated");

  private RollbackTargets() {}

  /** The deploy serving now: the newest successful production deploy, if any is listed. */
  public static Optional<Deployment> live(DeployHistory history) {
    return history.deployments().stream().filter(RollbackTargets::successful).findFirst();
  }

  static RollbackTarget choose(DeployHistory history, String requested) {
    if (history.dryRun()) {
      return new RollbackTarget(
          null,
          requested,
          null,
          requested == null
              ? "the previous successful production deploy (deploys not listed: "
                  + history.detail()
                  + ")"
              : requested);
    }
    List<Deployment> good =
        history.deployments().stream().filter(RollbackTargets::successful).toList();
    if (good.isEmpty()) {
      throw refusal(
          "no successful production deploy of " + history.service() + " on " + history.platform());
    }
    Deployment live = good.get(0);
    Deployment target =
        requested == null ? previous(good, history) : named(history, live, requested);
    return new RollbackTarget(
        live.id(),
        target.id(),
        target.commit(),
        target.id()
            + (target.commit() == null ? "" : " (commit " + shortCommit(target.commit()) + ")")
            + " from "
            + target.createdAt());
  }

  private static Deployment previous(List<Deployment> good, DeployHistory history) {
    if (good.size() < 2) {
      throw refusal(
          "no earlier successful production deploy of "
              + history.service()
              + " to roll back to ("
              + good.get(0).id()
              + " is the only one among the last "
              + history.deployments().size()
              + ")");
    }
    return good.get(1);
  }

  private static Deployment named(DeployHistory history, Deployment live, String requested) {
    Optional<Deployment> found =
        history.deployments().stream().filter(d -> d.id().equals(requested)).findFirst();
    if (found.isEmpty()) {
      throw refusal(
          "deploy "
              + requested
              + " is not among the last "
              + history.deployments().size()
              + " production deploys of "
              + history.service());
    }
    if (!successful(found.get())) {
      throw refusal(
          "deploy "
              + requested
              + " is "
              + found.get().state()
              + "; only a successful deploy can be rolled back to");
    }
    if (found.get().id().equals(live.id())) {
      throw refusal("deploy " + requested + " is already live on " + history.service());
    }
    return found.get();
  }

  private static boolean successful(Deployment deployment) {
    return deployment.state() != null
        && SUCCESSFUL.contains(deployment.state().toLowerCase(Locale.ROOT));
  }

  private static String shortCommit(String commit) {
    return commit.length() > 7 ? commit.substring(0, 7) : commit;
  }

  private static ApplicationFailure refusal(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, NO_TARGET);
  }
}
