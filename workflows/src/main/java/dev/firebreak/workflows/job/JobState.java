package dev.firebreak.workflows.job;

/** The whole input of a job workflow: its configuration and what it remembers. */
public record JobState(JobSpec spec, JobRecord record) {

  public static JobState configured(JobSpec spec) {
    return new JobState(spec, JobRecord.fresh());
  }
}
