package dev.firebreak.activities.deploy;

import dev.firebreak.workflows.diagnostics.Deployment;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** A platform client that can say what was deployed to production lately. */
public interface DeployLister {

  DeployPlatform platform();

  /** Production deploys created at or after {@code since} (all when null), newest first. */
  List<Deployment> recentProductionDeploys(String platformId, Instant since);

  /** Keeps the deploys created at or after {@code since} (all when null), newest first. */
  static List<Deployment> newestFirstSince(List<Deployment> deployments, Instant since) {
    return deployments.stream()
        .filter(d -> since == null || !d.createdAt().isBefore(since))
        .sorted(Comparator.comparing(Deployment::createdAt).reversed())
        .toList();
  }
}
