package dev.firebreak.workflows.incident;

import static dev.firebreak.workflows.common.VersionedChange.whenNoRunStartedBefore;

import dev.firebreak.workflows.common.VersionedChange;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The incident workflow's {@code getVersion} change ids: what each branch does, the committed
 * histories that pin each, and when the old branch may go. A change to the commands the incident
 * issues adds its id here, with a history of each branch.
 */
public final class IncidentVersions {

  /** Posts and pages follow the incident message into its room; the post-mortem is bookmarked. */
  public static final String INCIDENT_ROOM = "incident-room";

  /** The announcement in the shared channel is its own activity, off the chat queue. */
  public static final String SEPARATE_ANNOUNCEMENT = "separate-announcement";

  /** PagerDuty acknowledge/resolve, the public status page and error counts in the assessment. */
  public static final String PROVIDERS = "providers-v1";

  /**
   * An alert that resolves may resolve the incident; a firing after close opens the next incident.
   */
  public static final String ALERT_INTAKE = "alert-intake-v1";

  /**
   * A command that reaches the incident before its first workflow task waits for the declaration.
   */
  public static final String DECLARATION_FIRST = "declaration-first-v1";

  /** An acknowledge or resolve waits for the pages still on their way. */
  public static final String FOLLOW_UP_AFTER_PAGES = "follow-up-after-pages-v1";

  /** The incident keeps status and severity current in its memo. */
  public static final String STATUS_MEMO = "status-memo-v1";

  /** A P0/P1 incident tells the running maintenance windows itself. */
  public static final String DECLARATION_NOTICE = "declaration-notice-v1";

  /** The notice to the running maintenance windows is a local activity. */
  public static final String LOCAL_NOTICE = "local-notice-v1";

  /** The assessment runs the playbook's probes; critical ones decide a resolve and monitoring. */
  public static final String PLAYBOOK_PROBES = "playbook-probes-v1";

  /** The playbook that matched at declaration is posted (symptoms, checklist) in the thread. */
  public static final String PLAYBOOK_CARD = "playbook-card-v1";

  /** A level's {@code schedule:NAME} targets are paged as the person on call at that moment. */
  public static final String SCHEDULE_TARGETS = "schedule-targets-v1";

  /** A severity that pages only in business hours waits for them to page. */
  public static final String BUSINESS_HOURS = "business-hours-v1";

  /**
   * Every change above is on without asking: the run asks this one id, once, before any handler
   * runs (see {@link IncidentChanges}). A change added after it asks its own id as before.
   */
  public static final String BASELINE = "incident-baseline-v1";

  /**
   * A level with a schedule target asks the schedules and pages in one activity. Asked at run start
   * by a run whose chain has a schedule target (see {@link IncidentChanges}).
   */
  public static final String ONCALL_PAGING = "oncall-paging-v1";

  public static final List<VersionedChange> CHANGES =
      List.of(
          new VersionedChange(
              INCIDENT_ROOM,
              "Updates, pages, the assessment and the post-mortem follow the incident message into the channel "
                  + "it was posted in (with Slack, the incident's own room); the post-mortem is bookmarked there.",
              "Everything is posted to the configured channel, with no bookmark.",
              List.of(
                  "status-memo.json", "declaration-notice.json", "continued-run-with-room.json"),
              List.of("full-lifecycle.json", "escalation-exhausted.json", "resolve-refused.json"),
              true,
              whenNoRunStartedBefore("7fe05f4", "2026-11-23")),
          new VersionedChange(
              SEPARATE_ANNOUNCEMENT,
              "The incident message is opened on its own, and its announcement in the shared channel is a "
                  + "separate activity the incident does not wait for.",
              "One chat activity posts the incident message and its announcement, and the incident waits for it.",
              List.of(
                  "status-memo.json",
                  "declaration-notice.json",
                  "real-server-dev-mode-lifecycle.json"),
              List.of(
                  "full-lifecycle.json",
                  "alert-storm-resolved-reopened.json",
                  "resolve-refused.json"),
              true,
              whenNoRunStartedBefore("9797c28", "2026-11-23")),
          new VersionedChange(
              PROVIDERS,
              "PagerDuty hears acknowledge and resolve, the public status page follows the incident, and the "
                  + "assessment counts errors.",
              "Only the pages go to PagerDuty; no status page, no error counts.",
              List.of(
                  "providers-pagerduty-statuspage.json",
                  "providers-follow-up-after-pages.json",
                  "continued-run.json"),
              List.of(
                  "full-lifecycle.json",
                  "escalation-exhausted.json",
                  "reopened-during-monitoring.json"),
              true,
              whenNoRunStartedBefore("dd7908c", "2026-11-23")),
          new VersionedChange(
              ALERT_INTAKE,
              "An alert delivery is counted and acts: a firing reopens a monitored incident or opens the next "
                  + "incident after close, a resolved alert may resolve the incident.",
              "The delivery is only counted. No run can take this branch: the alert signal came with the "
                  + "change, so no run that began before it received one, and a new signal to such a run is "
                  + "handled by new code, which records version 1.",
              List.of("alert-storm-resolved-reopened.json"),
              List.of(),
              false,
              VersionedChange.UNREACHABLE_OLD_BRANCH),
          new VersionedChange(
              DECLARATION_FIRST,
              "A command that arrives before the first workflow task waits until the declaration is announced; an "
                  + "acknowledgement that waited means nobody is paged.",
              "Such a command was applied first, before the declaration.",
              List.of("acknowledged-before-first-task.json"),
              List.of("reopened-during-monitoring.json"),
              true,
              whenNoRunStartedBefore("88ec71f", "2026-12-04")),
          new VersionedChange(
              FOLLOW_UP_AFTER_PAGES,
              "An acknowledge or resolve waits for the pages still on their way, so PagerDuty hears the trigger "
                  + "before what closes it.",
              "Acknowledge and resolve went out at once, possibly before the trigger.",
              List.of(
                  "providers-follow-up-after-pages.json", "status-memo.json", "continued-run.json"),
              List.of(
                  "providers-pagerduty-statuspage.json",
                  "full-lifecycle.json",
                  "declaration-notice.json"),
              true,
              whenNoRunStartedBefore("88ec71f", "2026-12-04")),
          new VersionedChange(
              STATUS_MEMO,
              "Status and severity are written into the memo whenever they change, for lists to read.",
              "The memo keeps what the start wrote.",
              List.of(
                  "status-memo.json", "providers-follow-up-after-pages.json", "continued-run.json"),
              List.of(
                  "full-lifecycle.json",
                  "declaration-notice.json",
                  "providers-pagerduty-statuspage.json"),
              true,
              whenNoRunStartedBefore("aeb19bf", "2026-12-04")),
          new VersionedChange(
              DECLARATION_NOTICE,
              "A P0/P1 incident tells the running maintenance windows itself, whichever way it was declared.",
              "The incident tells no window; the API told them, other entry points did not.",
              List.of("declaration-notice.json"),
              List.of(
                  "status-memo.json", "full-lifecycle.json", "acknowledged-before-first-task.json"),
              true,
              whenNoRunStartedBefore("94f291e", "2026-12-04")),
          new VersionedChange(
              LOCAL_NOTICE,
              "A P0/P1 incident's notice to the running maintenance windows is a local activity, run in "
                  + "the first workflow task.",
              "The notice is a regular activity, with an activity task and a workflow task of its own.",
              List.of("local-notice.json"),
              List.of("declaration-notice.json"),
              true,
              whenNoRunStartedBefore("3ca0400", "2026-12-05")),
          new VersionedChange(
              PLAYBOOK_PROBES,
              "An incident whose playbook has probes runs them in the assessment; its critical probes are "
                  + "checked with the health checks before a resolve and during monitoring.",
              "No probes. Only an incident with a playbook asks, and only code with this change gives an "
                  + "incident a playbook (at declaration or by the new attachPlaybook update), so no run "
                  + "reaches the old branch, provided workers are upgraded before the API that declares "
                  + "with playbooks.",
              List.of("playbook-probes.json"),
              List.of(),
              false,
              VersionedChange.UNREACHABLE_OLD_BRANCH),
          new VersionedChange(
              PLAYBOOK_CARD,
              "The playbook that matched at declaration is posted with its symptoms and checklist under the "
                  + "incident message.",
              "Nothing is posted. Only an incident declared with a playbook asks, and only code with this "
                  + "change declares one with a playbook, so no run reaches the old branch, provided workers "
                  + "are upgraded before the API.",
              List.of("playbook-probes.json"),
              List.of(),
              false,
              VersionedChange.UNREACHABLE_OLD_BRANCH),
          new VersionedChange(
              SCHEDULE_TARGETS,
              "A level's schedule: targets are resolved through OnCallActivities when it pages, the person "
                  + "on call is paged and named on the timeline, and a level that reaches nobody is recorded "
                  + "as unreachable and the round's next level is paged at once.",
              "The schedule: target was handed to the pager as an address. Only a level with a schedule: "
                  + "target asks, and the config check refused such targets until this change, so no run "
                  + "reaches the old branch, provided workers are upgraded before the API.",
              List.of("escalation-schedule.json"),
              List.of(),
              false,
              VersionedChange.UNREACHABLE_OLD_BRANCH),
          new VersionedChange(
              BUSINESS_HOURS,
              "A severity that pages only in business hours, declared (or raised to) outside them, tells "
                  + "the channel and pages at the next business instant, holidays skipped; an "
                  + "acknowledgement before then cancels the page.",
              "The first page went out at once. Only an incident whose severity has business hours asks, "
                  + "and only code with this change puts them in the policy, so no run reaches the old "
                  + "branch, provided workers are upgraded before the API.",
              List.of("business-hours-deferred.json"),
              List.of(),
              false,
              VersionedChange.UNREACHABLE_OLD_BRANCH),
          new VersionedChange(
              BASELINE,
              "The run takes every change above without asking for them: one marker, written by the "
                  + "workflow's constructor before any handler runs, instead of one per change as the "
                  + "code reaches it, so a signal and an update delivered with the first workflow task "
                  + "record the same commands in whichever order they are handled. The run writes no "
                  + "memo or search attribute its start already holds (the API starts a declaration "
                  + "with its status in both).",
              "Each change above is asked for where the code first needs it.",
              List.of(
                  "baseline-lifecycle.json",
                  "baseline-alert-and-resolve-before-first-task.json",
                  "real-server-baseline-lifecycle.json"),
              List.of(
                  "full-lifecycle.json",
                  "acknowledged-before-first-task.json",
                  "alert-storm-resolved-reopened.json"),
              true,
              whenNoRunStartedBefore("d3fa29b", "2026-12-05")),
          new VersionedChange(
              ONCALL_PAGING,
              "A level with schedule: targets pages through OnCallPagingActivities: one activity asks "
                  + "each schedule who is on call and pages them with the level's other targets, and its "
                  + "result tells the timeline who each schedule gave.",
              "Each schedule is asked by an OnCallActivities activity of its own, and the page is "
                  + "scheduled after the answers, a workflow task later.",
              List.of("oncall-paging.json"),
              List.of("baseline-escalation-schedule.json", "escalation-schedule.json"),
              true,
              whenNoRunStartedBefore("bbb1621", "2026-12-05")));

  /**
   * The changes a run since {@link #BASELINE} takes without asking: every one registered before it.
   * A change comes after the baseline in {@link #CHANGES}, and asks its own id.
   */
  static final Set<String> BEFORE_BASELINE =
      CHANGES.stream()
          .map(VersionedChange::id)
          .takeWhile(id -> !id.equals(BASELINE))
          .collect(Collectors.toUnmodifiableSet());

  private IncidentVersions() {}
}
