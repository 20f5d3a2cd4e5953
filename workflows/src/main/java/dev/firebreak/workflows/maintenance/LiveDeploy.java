package dev.firebreak.workflows.maintenance;

/**
 * The deploy a service was serving when a window began changing things. A failed or aborted window
 * rolls a service back only when another deploy went live during the window, and then to this one,
 * never further back than the window reached.
 *
 * @param deploymentId the newest successful production deploy; null when not known
 * @param dryRun the platform is not configured: deploys are not listed, and a rollback only says
 *     what it would do
 * @param unknown why the deploy is not known; null when it is
 */
record LiveDeploy(String deploymentId, boolean dryRun, String unknown) {

  static LiveDeploy of(String deploymentId) {
    return new LiveDeploy(deploymentId, false, null);
  }

  static LiveDeploy notListed(String why) {
    return new LiveDeploy(null, true, why);
  }

  static LiveDeploy unknown(String why) {
    return new LiveDeploy(null, false, why);
  }

  /** The timeline's sentence for this service. */
  String describe(String service) {
    return deploymentId != null
        ? service + " serves " + deploymentId
        : service + "'s live deploy is not known (" + unknown + ")";
  }
}
