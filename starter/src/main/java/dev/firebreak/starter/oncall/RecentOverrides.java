package dev.firebreak.starter.oncall;

import dev.firebreak.starter.service.InParallel;
import dev.firebreak.workflows.oncall.ScheduleOverride;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each schedule's overrides as its workflow answered them at most {@link #MAX_AGE} ago, for the
 * readers that poll "who is on call now" (dashboards, {@code /oncall}): without it every request
 * queries every schedule's workflow, twenty round trips for twenty schedules. An override made
 * through this process is seen at once; one made elsewhere within {@code MAX_AGE}. Paging never
 * reads from here: an escalation asks the workflow at the moment it pages.
 */
final class RecentOverrides {

  static final Duration MAX_AGE = Duration.ofSeconds(2);

  private static final int QUERIES_AT_ONCE = 8;

  private record Answer(List<ScheduleOverride> overrides, Instant readAt) {}

  private final OnCallSchedules schedules;
  private final Clock clock;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  RecentOverrides(OnCallSchedules schedules, Clock clock) {
    this.schedules = schedules;
    this.clock = clock;
  }

  /**
   * The overrides of each named schedule, in the order given; the stale ones are asked of their
   * workflows together.
   */
  List<List<ScheduleOverride>> of(List<String> names) {
    Instant now = clock.instant();
    List<String> stale = names.stream().filter(name -> isStale(answers.get(name), now)).toList();
    List<List<ScheduleOverride>> fresh =
        InParallel.apply(QUERIES_AT_ONCE, stale, schedules::overrides);
    for (int i = 0; i < stale.size(); i++) {
      answers.put(stale.get(i), new Answer(fresh.get(i), now));
    }
    return names.stream().map(name -> answers.get(name).overrides()).toList();
  }

  /** Forgets what {@code schedule}'s workflow last said, after this process changed it. */
  void forget(String schedule) {
    answers.remove(schedule);
  }

  private static boolean isStale(Answer answer, Instant now) {
    return answer == null || !now.isBefore(answer.readAt().plus(MAX_AGE));
  }
}
