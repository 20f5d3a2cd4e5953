package dev.firebreak.workflows.job;

import java.time.Instant;

/**
 * Why a run happens: the schedule fired at {@code dueAt}, or a person asked for it.
 *
 * @param by who asked, for a manual run; {@code schedule} otherwise
 */
public record JobTrigger(String kind, String by, Instant dueAt) {

  public static final String SCHEDULED = "scheduled";
  public static final String MANUAL = "manual";

  public static JobTrigger scheduled(Instant dueAt) {
    return new JobTrigger(SCHEDULED, "schedule", dueAt);
  }

  public static JobTrigger manual(String by, Instant at) {
    return new JobTrigger(MANUAL, by, at);
  }
}
