package dev.firebreak.starter.schedules;

import java.util.Map;
import java.util.function.Function;

/**
 * The timing a scheduler installed, kept in the memo of the schedule or cron workflow itself. A
 * real server rewrites a Schedule's cron into calendar specs, so the memo is the only faithful
 * record of what the config said, and reconciliation compares against it.
 */
final class TimingMemo {

  static final String JOB = "job";
  static final String CRON = "cron";
  static final String TIME_ZONE = "timeZone";

  private TimingMemo() {}

  static Map<String, Object> of(JobTiming timing) {
    return Map.of(JOB, timing.job(), CRON, timing.cron(), TIME_ZONE, timing.timeZone());
  }

  /** @param read reads one memo field (as the SDK's {@code getMemo(key, String.class)} does), null when absent */
  static JobTiming read(Function<String, Object> read) {
    Object job = read.apply(JOB);
    return job == null ? null : new JobTiming((String) job, (String) read.apply(CRON), (String) read.apply(TIME_ZONE));
  }
}
