package dev.firebreak.starter.config;

import dev.firebreak.workflows.incident.EscalationLevel;
import dev.firebreak.workflows.incident.Severity;
import java.util.List;

/**
 * The escalation chain, walked level by level while nobody acknowledges.
 *
 * @param rounds how many times the whole chain is walked; 3 when unset
 * @see FirebreakConfig#escalationPolicies() named chains; this block is the one named {@code
 *     default}
 */
public record EscalationConfig(Integer rounds, List<Level> levels) {

  public static final int DEFAULT_ROUNDS = 3;

  public EscalationConfig {
    rounds = rounds == null ? DEFAULT_ROUNDS : rounds;
    levels = ConfigShape.listOf(levels);
  }

  /**
   * @param targets {@code scheme:address}, for example {@code slack:U0PRIMARY} or {@code
   *     pagerduty:ops}
   */
  public record Level(String name, List<String> targets, String after, List<String> severities) {
    public Level {
      targets = ConfigShape.listOf(targets);
      severities = ConfigShape.listOf(severities);
    }

    /** A level that waits the severity's ack timeout and pages for every severity. */
    public Level(String name, List<String> targets) {
      this(name, targets, null, null);
    }

    /** Only for a validated config: the wait parses and every severity is known. */
    EscalationLevel toLevel() {
      return new EscalationLevel(
          name,
          targets,
          after == null ? null : DurationText.require(after),
          severities.stream().map(Severity::valueOf).toList());
    }
  }
}
