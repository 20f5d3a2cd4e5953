package dev.firebreak.starter.schedules;

import dev.firebreak.workflows.job.JobGroup;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The timing and jobs a Schedule was installed with, kept in its memo. A real server rewrites a
 * Schedule's cron into calendar specs, and listing schedules returns memos without describing each
 * one, so the memo is the cheap and faithful record of what the config said.
 */
final class TimingMemo {

  static final String JOBS = "jobs";
  static final String CRON = "cron";
  static final String TIME_ZONE = "timeZone";

  /** The one job of a per-job Schedule, as versions before groups wrote it. */
  static final String JOB = "job";

  private TimingMemo() {}

  static Map<String, Object> of(JobGroup group) {
    return Map.of(JOBS, group.jobs(), CRON, group.cron(), TIME_ZONE, group.timeZone());
  }

  /**
   * @param read reads one memo field as the given type (as the SDK's {@code getMemo(key, type)}
   *     does), null when absent
   * @return the group, a per-job Schedule's job as a group of one, or null for another memo
   */
  static JobGroup read(BiFunction<String, Class<?>, Object> read) {
    Object jobs = read.apply(JOBS, List.class);
    Object job = jobs == null ? read.apply(JOB, String.class) : null;
    if (jobs == null && job == null) {
      return null;
    }
    List<String> names =
        jobs == null
            ? List.of((String) job)
            : ((List<?>) jobs).stream().map(String::valueOf).toList();
    return new JobGroup(
        (String) read.apply(CRON, String.class),
        (String) read.apply(TIME_ZONE, String.class),
        names);
  }
}
