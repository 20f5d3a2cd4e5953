package dev.firebreak.workflows.maintenance;

import static dev.firebreak.workflows.common.VersionedChange.whenNoRunStartedBefore;

import dev.firebreak.workflows.common.VersionedChange;
import java.util.List;

/**
 * The recurring window workflow's {@code getVersion} change ids, with the histories that pin each
 * branch.
 */
public final class RecurringWindowVersions {

  /** An occurrence whose start passed while the loop waited is skipped. */
  public static final String SKIP_PASSED_OCCURRENCE = "skip-passed-occurrence";

  public static final List<VersionedChange> CHANGES =
      List.of(
          new VersionedChange(
              SKIP_PASSED_OCCURRENCE,
              "An occurrence whose start passed while the loop waited is skipped, and the next one says so.",
              "The passed occurrence was started late.",
              List.of("maintenance-recurring/first-occurrence-started-skip-passed-occurrence.json"),
              List.of("maintenance-recurring/first-occurrence-started.json"),
              true,
              whenNoRunStartedBefore("5f3da15", "2026-12-04")));

  private RecurringWindowVersions() {}
}
