package dev.firebreak.workflows.notify;

/**
 * The {@code action_id}s of the buttons Firebreak posts (the incident message's, an approval
 * request's). The chat layout (activities) draws them and the Slack endpoints (starter) answer
 * them, so both read them from here; they must stay stable because messages posted by an older
 * release still carry them.
 */
public final class IncidentActions {

  public static final String ACKNOWLEDGE = "incident_ack";
  public static final String POST_UPDATE = "incident_update";
  public static final String RESOLVE = "incident_resolve";
  public static final String ROLL_BACK = "incident_rollback";

  /** On an approval request: the value is the rollback's id. */
  public static final String APPROVE_ROLLBACK = "rollback_approve";

  public static final String REFUSE_ROLLBACK = "rollback_refuse";

  /**
   * On an action run's approval request (its subject id starts with {@code action-}): the value is
   * the run's workflow id.
   */
  public static final String APPROVE_ACTION_RUN = "action_run_approve";

  public static final String REFUSE_ACTION_RUN = "action_run_refuse";

  /**
   * The start of a playbook card's action button: the action's name follows, the value is the
   * incident id. (A message's buttons need distinct ids, so the name is part of it.)
   */
  public static final String RUN_PLAYBOOK_ACTION = "playbook_action:";

  /**
   * The start of a playbook checklist's checkboxes: the group's number follows (a checkboxes
   * element holds at most 10 steps); each option's value is the incident id, {@link
   * #CHECKLIST_STEP_SEPARATOR} and the step's number.
   */
  public static final String TICK_CHECKLIST = "playbook_checklist:";

  public static final String CHECKLIST_STEP_SEPARATOR = "#";

  /** On a succeeded action run's report: the value is the run's workflow id. */
  public static final String UNDO_ACTION_RUN = "action_run_undo";

  private IncidentActions() {}
}
