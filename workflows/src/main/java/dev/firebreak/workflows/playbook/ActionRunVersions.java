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
              whenNoRunStartedBefore("af102a6", "2026-12-04")));

  private ActionRunVersions() {}
}
