package dev.firebreak.workflows.oncall;

import static dev.firebreak.workflows.common.VersionedChange.whenNoRunStartedBefore;

import dev.firebreak.workflows.common.VersionedChange;
import java.util.List;

/**
 * The on-call schedule workflow's {@code getVersion} change ids, with the histories that pin each.
 */
public final class OnCallScheduleVersions {

  /**
   * An override or swap that reaches a new schedule in its very first workflow task is a handoff
   * like any later one: the person on call is compared with whom the schedule had without it.
   */
  public static final String FIRST_TASK_HANDOFF = "first-task-handoff";

  public static final List<VersionedChange> CHANGES =
      List.of(
          new VersionedChange(
              FIRST_TASK_HANDOFF,
              "A new schedule starts from whom its rota and starting overrides put on call, so an override or swap"
                  + " delivered with its first workflow task hands off and notifies both people.",
              "A new schedule starts from whom it has on call after its first workflow task: an override or swap"
                  + " delivered with that task becomes its starting state and notifies nobody.",
              List.of("oncall/override-in-first-task-hands-off.json"),
              List.of("oncall/override-handoffs-reconfigured.json"),
              true,
              whenNoRunStartedBefore("ec7dea2", "2026-12-05")));

  private OnCallScheduleVersions() {}
}
