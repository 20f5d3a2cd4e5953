package dev.firebreak.workflows.job;

import java.util.List;

/**
 * Everything a job remembers, handed from one run of its workflow to the next through
 * continue-as-new.
 *
 * @param runs how many runs the job has had (skipped ones included)
 * @param history the latest runs, newest first, bounded
 * @param pending runs due but not started yet
 * @param warned whether the current failure streak has been warned about
 * @param incidentId the incident the current failure streak declared; null when none
 */
public record JobRecord(
    long runs,
    List<JobRun> history,
    JobRun lastSuccess,
    int consecutiveFailures,
    boolean paused,
    String pausedBy,
    List<JobTrigger> pending,
    boolean warned,
    String incidentId) {

  public static JobRecord fresh() {
    return new JobRecord(0, List.of(), null, 0, false, null, List.of(), false, null);
  }
}
