package dev.firebreak.workflows.job;

import java.time.Instant;
import java.util.Map;

/**
 * Why a run happens: the schedule fired at {@code dueAt}, or a person asked for it.
 *
 * @param by who asked, for a manual run; {@code schedule} otherwise
 * @param parameters the values a person gave for the job's parameters; a run takes the defaults of
 *     the others
 */
public record JobTrigger(String kind, String by, Instant dueAt, Map<String, String> parameters) {

  public static final String SCHEDULED = "scheduled";
  public static final String MANUAL = "manual";

  public JobTrigger {
    // A trigger recorded before jobs took parameters has none.
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  public static JobTrigger scheduled(Instant dueAt) {
    return new JobTrigger(SCHEDULED, "schedule", dueAt, Map.of());
  }

  public static JobTrigger manual(String by, Instant at, Map<String, String> parameters) {
    return new JobTrigger(MANUAL, by, at, parameters);
  }
}
