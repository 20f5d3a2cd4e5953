package dev.firebreak.workflows.notify;

/**
 * The {@code action_id}s of the incident message's buttons. The chat layout (activities) draws them
 * and the Slack endpoints (starter) answer them, so both read them from here; they must stay stable
 * because messages posted by an older release still carry them.
 */
public final class IncidentActions {

  public static final String ACKNOWLEDGE = "incident_ack";
  public static final String POST_UPDATE = "incident_update";
  public static final String RESOLVE = "incident_resolve";
  public static final String ROLL_BACK = "incident_rollback";

  private IncidentActions() {}
}
