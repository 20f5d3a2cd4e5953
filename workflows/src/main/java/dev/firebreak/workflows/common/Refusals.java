package dev.firebreak.workflows.common;

/**
 * The {@code ApplicationFailure} types a workflow refuses a command with. The workflows throw them
 * and the API maps them to its error codes, both by these constants, so a renamed type cannot
 * silently turn a refusal into a 500.
 */
public final class Refusals {

  /**
   * A command that does not fit the workflow's current state (already acknowledged, already
   * ended…).
   */
  public static final String INVALID_TRANSITION = "InvalidTransition";

  /** A resolve refused because the service's health checks still fail. */
  public static final String RESOLVE_REFUSED = "ResolveRefused";

  /** A job command that does not fit the job's state or lacks who is asking. */
  public static final String INVALID_JOB_COMMAND = "InvalidJobCommand";

  /** A heartbeat command that does not fit the heartbeat's state or lacks who is asking. */
  public static final String INVALID_HEARTBEAT_COMMAND = "InvalidHeartbeatCommand";

  /** A maintenance window whose times are beyond the limits; it fails before changing anything. */
  public static final String INVALID_WINDOW = "InvalidWindow";

  /** An on-call override whose span or person is not acceptable; it changes nothing. */
  public static final String INVALID_OVERRIDE = "InvalidOverride";

  private Refusals() {}
}
