package dev.firebreak.workflows.job;

/**
 * When a job fires, and the input of each {@link JobTickWorkflow}: a scheduler reads back what it
 * installed from it (a cron workflow keeps its input from run to run, not its memo).
 */
public record JobTick(String job, String cron, String timeZone) {

  public static JobTick of(JobSpec spec) {
    return new JobTick(spec.name(), spec.cron(), spec.timeZone());
  }
}
