package dev.firebreak.starter.config;

import java.util.List;

/**
 * The escalation chain, walked level by level while nobody acknowledges.
 *
 * @param rounds how many times the whole chain is walked; 3 when unset
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
  public record Level(String name, List<String> targets) {
    public Level {
      targets = ConfigShape.listOf(targets);
    }
  }
}
