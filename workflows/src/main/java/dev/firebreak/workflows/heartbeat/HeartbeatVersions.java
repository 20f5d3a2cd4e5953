package dev.firebreak.workflows.heartbeat;

import static dev.firebreak.workflows.common.VersionedChange.whenNoRunStartedBefore;

import dev.firebreak.workflows.common.VersionedChange;
import java.util.List;

/** The heartbeat workflow's {@code getVersion} change ids, with the histories that pin each. */
public final class HeartbeatVersions {

  /** A heartbeat that goes down while a maintenance window silences its service waits it out. */
  public static final String SILENCE = "heartbeat-maintenance-silence";

  public static final List<VersionedChange> CHANGES =
      List.of(
          new VersionedChange(
              SILENCE,
              "Before declaring, the heartbeat asks whether a maintenance window silences its service; if one does,"
                  + " the outage is recorded on the window and declared only if it is still down when the silence ends.",
              "Down declares at once, maintenance or not.",
              List.of("heartbeat/silenced-by-maintenance-then-declared.json"),
              List.of("heartbeat/down-resolved-run-failed-paused-reconfigured.json"),
              true,
              whenNoRunStartedBefore("30b4dad", "2026-12-04")));

  private HeartbeatVersions() {}
}
