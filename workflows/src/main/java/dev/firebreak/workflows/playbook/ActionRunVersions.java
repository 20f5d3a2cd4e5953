package dev.firebreak.workflows.playbook;

import static dev.firebreak.workflows.common.VersionedChange.whenNoRunStartedBefore;

import dev.firebreak.workflows.common.VersionedChange;
import java.util.List;

/** The action-run workflow's {@code getVersion} change ids, with the histories that pin each. */
public final class ActionRunVersions {

  /** The {@code job} kind runs the job instead of failing as not supported yet. */
  public static final String RUN_JOB = "action-run-job-kind";

  public static final List<VersionedChange> CHANGES =
      List.of(
          new VersionedChange(
              RUN_JOB,
              "A job action asks the job to run now and waits for that run's result.",
              "A job action fails at once as not supported yet, changing nothing.",
              List.of("playbook/action-run-job.json"),
              List.of("playbook/action-run-job-unsupported.json"),
              true,
              whenNoRunStartedBefore("af102a6", "2026-12-04")));

  private ActionRunVersions() {}
}
