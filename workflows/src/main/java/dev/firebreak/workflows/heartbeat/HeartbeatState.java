package dev.firebreak.workflows.heartbeat;

/** Where a heartbeat stands: new → up → late (in grace) → down, or paused. */
public enum HeartbeatState {
  /** Never pinged: nothing is expected yet. */
  NEW,
  /** Pinged in time. */
  UP,
  /** The expected time (or a run's maxRunTime) has passed; still within grace. */
  LATE,
  /** Grace has passed too, or the job said it failed: an incident is declared. */
  DOWN,
  /** Paused by someone: no deadline runs until it is resumed. */
  PAUSED
}
