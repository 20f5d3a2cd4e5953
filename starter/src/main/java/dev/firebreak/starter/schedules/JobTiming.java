package dev.firebreak.starter.schedules;

import dev.firebreak.workflows.job.JobSpec;

/** When a job fires: all a scheduler knows about it. */
public record JobTiming(String job, String cron, String timeZone) {

  public static JobTiming of(JobSpec spec) {
    return new JobTiming(spec.name(), spec.cron(), spec.timeZone());
  }
}
