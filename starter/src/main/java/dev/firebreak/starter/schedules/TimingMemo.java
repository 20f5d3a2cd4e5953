package dev.firebreak.starter.schedules;

import dev.firebreak.workflows.job.JobGroup;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The timing a per-job Schedule ({@code job-<name>}) was installed with, kept in its memo by
 * versions before jobs were grouped: read so that a reconcile replaces such a Schedule by its
 * group's. A group Schedule is read back from its action's argument instead.
 */
final class TimingMemo {

  static final String JOB = "job";
  static final String CRON = "cron";
  static final String TIME_ZONE = "timeZone";

  private TimingMemo() {}

  /**
   * @param read reads one memo field as the given type (as the SDK's {@code getMemo(key, type)}
   *     does), null when absent
   * @return the Schedule's job as a group of one, or null for a Schedule without that memo
   */
  static JobGroup read(BiFunction<String, Class<?>, Object> read) {
    Object job = read.apply(JOB, String.class);
    return job == null
        ? null
        : new JobGroup(
            (String) read.apply(CRON, String.class),
            (String) read.apply(TIME_ZONE, String.class),
            List.of((String) job));
  }
}
