package dev.firebreak.workflows.job;

import java.util.List;

/**
 * One firing of a group, for {@link JobGroupActivities}.
 *
 * @param firing names this firing (the fan-out's run id): each job's signal carries it as its
 *     request id, so the server keeps one signal per job and firing however often it is retried
 */
public record JobDue(String firing, List<String> jobs, JobTrigger trigger) {

  public JobDue {
    jobs = List.copyOf(jobs);
  }
}
