package dev.firebreak.workflows.maintenance;

import static dev.firebreak.workflows.common.VersionedChange.whenNoRunStartedBefore;

import dev.firebreak.workflows.common.VersionedChange;
import java.util.List;

/**
 * The maintenance window workflow's {@code getVersion} change ids, with the histories that pin each
 * branch.
 */
public final class MaintenanceWindowVersions {

  /** An extension moves the Statuspage maintenance's end too. */
  public static final String STATUSPAGE_EXTEND = "statuspage-extend";

  /**
   * An extension is answered as soon as it is made; chat, mail and the status page are told in the
   * background.
   */
  public static final String EXTEND_ANSWERS_FIRST = "extend-answers-first";

  /** A rollback starts only once the window holds its service's rollback lock. */
  public static final String ROLLBACK_LOCK = "window-rollback-lock";

  /** A window undoes only what it changed. */
  public static final String ONLY_WHAT_CHANGED = "window-undoes-only-what-it-changed";

  /** Alerts for the window's services are silenced until its end plus the tail. */
  public static final String SILENCE = "window-silences-its-alerts";

  public static final List<VersionedChange> CHANGES =
      List.of(
          new VersionedChange(
              STATUSPAGE_EXTEND,
              "An extension reschedules the announced Statuspage maintenance to the window's new end.",
              "The Statuspage maintenance keeps its first end.",
              List.of(
                  "maintenance/extended-statuspage-rescheduled.json",
                  "maintenance/extended-twice-answered-first.json"),
              List.of("maintenance/completed-extended-confirmed.json"),
              true,
              whenNoRunStartedBefore("13ab7a5", "2026-11-23")),
          new VersionedChange(
              EXTEND_ANSWERS_FIRST,
              "An extension is answered as soon as it is made; chat, mail and the status page are told in the background.",
              "The answer waited until chat, mail and the status page had been told.",
              List.of("maintenance/extended-twice-answered-first.json"),
              List.of(
                  "maintenance/completed-extended-confirmed.json",
                  "maintenance/extended-statuspage-rescheduled.json"),
              true,
              whenNoRunStartedBefore("30cd3b4", "2026-11-23")),
          new VersionedChange(
              ROLLBACK_LOCK,
              "A window's rollback starts only once the window holds the service's rollback lock.",
              "The rollback started without the lock.",
              List.of(
                  "maintenance/post-check-failed-locked-rollback.json",
                  "maintenance/post-check-failed-rolls-back-deploy-made-during-window.json"),
              List.of(
                  "maintenance/aborted-during-steps.json",
                  "maintenance/post-check-failed-rollback-incident.json"),
              true,
              whenNoRunStartedBefore("c328091", "2026-11-23")),
          new VersionedChange(
              ONLY_WHAT_CHANGED,
              "A failure or abort rolls a service back only when another deploy went live during the window, to the "
                  + "deploy noted when it began changing things; a step that never left Firebreak, before any step "
                  + "changed something, calls the window off.",
              "Any failure paged and rolled back whatever deploy was current.",
              List.of(
                  "maintenance/post-check-failed-nothing-to-roll-back.json",
                  "maintenance/post-check-failed-rolls-back-deploy-made-during-window.json",
                  "maintenance/step-secret-unset-called-off.json"),
              List.of(
                  "maintenance/aborted-during-steps.json",
                  "maintenance/completed-extended-confirmed.json",
                  "maintenance/post-check-failed-locked-rollback.json"),
              true,
              whenNoRunStartedBefore("829058d", "2026-12-04")),
          new VersionedChange(
              SILENCE,
              "From its pre-checks to its end plus the plan's silence tail, alerts for the window's services are recorded"
                  + " on its timeline instead of paging; what still fires when the silence ends declares its incident then.",
              "Alerts page during the window as at any other time.",
              List.of("maintenance/silenced-alert-declared-after-tail.json"),
              List.of("maintenance/completed-extended-confirmed.json"),
              true,
              whenNoRunStartedBefore("30b4dad", "2026-12-04")));

  private MaintenanceWindowVersions() {}
}
