package dev.firebreak.starter.schedules;

import dev.firebreak.workflows.job.JobTick;
import java.util.Map;
import java.util.function.Function;

/**
 * The timing a Schedule was installed with, kept in its memo. A real server rewrites a Schedule's
 * cron into calendar specs, and listing schedules returns memos without describing each one, so the
 * memo is the cheap and faithful record of what the config said.
 */
final class TimingMemo {

  static final String JOB = "job";
  static final String CRON = "cron";
  static final String TIME_ZONE = "timeZone";

  private TimingMemo() {}

  static Map<String, Object> of(JobTick timing) {
    return Map.of(JOB, timing.job(), CRON, timing.cron(), TIME_ZONE, timing.timeZone());
  }

  /**
   * @param read reads one memo field (as the SDK's {@code getMemo(key, String.class)} does), null
   *     when absent
   */
  static JobTick read(Function<String, Object> read) {
    Object job = read.apply(JOB);
    return job == null
        ? null
        : new JobTick((String) job, (String) read.apply(CRON), (String) read.apply(TIME_ZONE));
  }
}
