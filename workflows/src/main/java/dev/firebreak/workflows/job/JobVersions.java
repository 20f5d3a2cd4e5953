package dev.firebreak.workflows.job;

import static dev.firebreak.workflows.common.VersionedChange.whenNoRunStartedBefore;

import dev.firebreak.workflows.common.VersionedChange;
import java.util.List;

/** The job workflow's {@code getVersion} change ids, with the histories that pin each branch. */
public final class JobVersions {

  /** A built-in run after a good one starts where that one started ({@code since}). */
  public static final String BUILT_IN_SINCE = "built-in-since";

  /** "Run now" on an idle job answers once the run has started, with that run. */
  public static final String RUN_NOW_ANSWERS_THE_RUN = "run-now-answers-the-run";

  public static final List<VersionedChange> CHANGES =
      List.of(
          new VersionedChange(
              BUILT_IN_SINCE,
              "A built-in run after a good one passes since = that run's start, unless the job's parameters set it.",
              "Every built-in run lists everything the provider still marks as failed.",
              List.of("job/built-in-run-after-a-good-one-since.json"),
              List.of("job/built-in-run-after-a-good-one-before-since.json"),
              true,
              whenNoRunStartedBefore("bb6bc7a", "2026-11-23")),
          new VersionedChange(
              RUN_NOW_ANSWERS_THE_RUN,
              "Run now on an idle job answers once the run has started, with that run's number.",
              "Run now answered at once, before the run existed.",
              List.of("job/run-now-answers-the-run.json"),
              List.of("job/retries-failures-incident-pause-run-now.json"),
              true,
              whenNoRunStartedBefore("7bca67f", "2026-12-04")));

  private JobVersions() {}
}
