package dev.firebreak.workflows.job;

/** How one run ended; {@code SKIPPED} when it was due while the job was paused or still running. */
public enum JobOutcome {
  SUCCEEDED,
  FAILED,
  SKIPPED
}
