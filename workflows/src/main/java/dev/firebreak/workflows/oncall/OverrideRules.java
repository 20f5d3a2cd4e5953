package dev.firebreak.workflows.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What makes an override acceptable, shared by the workflow's update validator and the API so both
 * refuse the same spans with the same words.
 */
public final class OverrideRules {

  /** The longest override: past this it is a change to the rotation, which belongs in config. */
  public static final Duration MAX_SPAN = Duration.ofDays(90);

  private OverrideRules() {}

  /** Why the override cannot be accepted at {@code now}, or empty when it can. */
  public static Optional<String> problem(ScheduleOverride override, Instant now) {
    if (override == null || override.from() == null || override.to() == null) {
      return Optional.of("an override needs from and to");
    }
    if (override.person() == null
        || override.person().name() == null
        || override.person().name().isBlank()) {
      return Optional.of("an override needs the person who is on call");
    }
    if (!override.from().isBefore(override.to())) {
      return Optional.of("from must be before to");
    }
    if (Duration.between(override.from(), override.to()).compareTo(MAX_SPAN) > 0) {
      return Optional.of("an override lasts at most 90 days");
    }
    if (!override.to().isAfter(now)) {
      return Optional.of("the span is wholly in the past");
    }
    return Optional.empty();
  }
}
