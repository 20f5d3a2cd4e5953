package dev.firebreak.workflows.heartbeat;

/** What a ping says, in Healthchecks.io's terms. */
public enum PingKind {
  /** The job ran: {@code /ping/<token>} or exit status 0. */
  SUCCESS,
  /** The job started: {@code /ping/<token>/start}; its finish is then due within maxRunTime. */
  START,
  /** The job failed: {@code /ping/<token>/fail} or a non-zero exit status. */
  FAIL,
  /** A log line only: {@code /ping/<token>/log}; it never changes the state. */
  LOG
}
