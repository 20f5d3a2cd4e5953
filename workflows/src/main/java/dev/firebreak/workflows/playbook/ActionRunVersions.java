package dev.firebreak.workflows.playbook;

import static dev.firebreak.workflows.common.VersionedChange.whenNoRunStartedBefore;

import dev.firebreak.workflows.common.VersionedChange;
import java.util.List;

/**
 * The action run workflow's {@code getVersion} change ids, with the histories that pin each branch.
 */
public final class ActionRunVersions {

  /** A {@code rollback} action runs the rollback workflow under its service's lock. */
  public static final String ROLLBACK = "action-run-rollback";

  /** The {@code job} kind runs the job instead of failing as not supported yet. */
  public static final String RUN_JOB = "action-run-job-kind";

  /** The {@code replay-webhooks} kind re-delivers instead of failing as not supported yet. */
  public static final String REPLAY_WEBHOOKS = "action-run-replay-webhooks-kind";

  public static final List<VersionedChange> CHANGES =
      List.of(
          new VersionedChange(
              ROLLBACK,
              "A rollback action claims its service's rollback lock, runs the rollback workflow as its child and ends as"
                  + " the rollback ended.",
              "A rollback action failed at once: the kind was not supported yet.",
              List.of("playbook/action-run-rollback.json"),
              List.of("playbook/action-run-rollback-unsupported.json"),
              true,
              whenNoRunStartedBefore("af102a6", "2026-12-04")),
          new VersionedChange(
              RUN_JOB,
              "A job action asks the job to run now and waits for that run's result.",
              "A job action fails at once as not supported yet, changing nothing.",
              List.of("playbook/action-run-job.json"),
              List.of("playbook/action-run-job-unsupported.json"),
              true,
              whenNoRunStartedBefore("af102a6", "2026-12-04")),
          new VersionedChange(
              REPLAY_WEBHOOKS,
              "A replay-webhooks action re-delivers the asked events through the webhook-retry job's delivery.",
              "A replay-webhooks action fails at once as not supported yet, changing nothing.",
              List.of("playbook/action-run-replay-webhooks.json"),
              List.of("playbook/action-run-replay-webhooks-unsupported.json"),
              true,
              whenNoRunStartedBefore("af102a6", "2026-12-04")));

  private ActionRunVersions() {}
}
