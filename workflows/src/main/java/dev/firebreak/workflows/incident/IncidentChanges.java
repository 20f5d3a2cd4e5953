package dev.firebreak.workflows.incident;

/**
 * The incident workflow's {@code Workflow.getVersion} change ids, each with what its version 1
 * does. Histories recorded before a change replay its default branch.
 */
final class IncidentChanges {

  /** Version 1: posts and pages follow the incident message into its room; the post-mortem is bookmarked. */
  static final String INCIDENT_ROOM = "incident-room";

  /** Version 1: the announcement in the shared channel is its own activity, off the chat queue. */
  static final String SEPARATE_ANNOUNCEMENT = "separate-announcement";

  /**
   * Guards what came with the provider clients: PagerDuty acknowledge/resolve, the public status
   * page and error counts in the assessment. Histories recorded before it replay without them.
   */
  static final String PROVIDERS_CHANGE = "providers-v1";

  /**
   * Guards alert intake: an alert that resolves may resolve the incident (from the main loop), and a
   * firing that arrives once the incident is closed opens a new incident under the same id by
   * continuing as new. Histories recorded before it never received an alert.
   */
  static final String ALERT_INTAKE = "alert-intake-v1";

  /**
   * Guards the declaration coming first: a command that reaches the incident before its first
   * workflow task has run (the worker was down at the declare) waits until the declaration has been
   * announced, and an acknowledgement that was waiting means nobody is paged. Histories recorded
   * before it applied such a command first.
   */
  static final String DECLARATION_FIRST = "declaration-first-v1";

  /**
   * Guards the order of what paging providers hear: an acknowledge or resolve waits for the pages
   * still on their way, so PagerDuty sees the trigger before the acknowledge that closes it.
   */
  static final String FOLLOW_UP_AFTER_PAGES = "follow-up-after-pages-v1";

  /**
   * Guards the memo that lists read: the incident writes its current status and severity into it
   * whenever they change, so a list never has to query every workflow. Earlier runs never wrote it.
   */
  static final String STATUS_MEMO = "status-memo-v1";

  /**
   * Guards the declaration notice: a P0/P1 incident tells the running maintenance windows itself, so
   * every way of declaring one (API, Slack, alert, job, window) does. Histories recorded before it
   * were told by the API, or not at all.
   */
  static final String DECLARATION_NOTICE = "declaration-notice-v1";

  private IncidentChanges() {}
}
