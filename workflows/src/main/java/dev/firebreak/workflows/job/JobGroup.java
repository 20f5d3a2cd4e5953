package dev.firebreak.workflows.job;

import java.util.List;

/**
 * Jobs that share a cron expression and a time zone, fired together by one Schedule (or one cron
 * workflow): the input of each {@link JobFanOutWorkflow}, from which a scheduler also reads back
 * what it installed.
 *
 * @param jobs the jobs' names, sorted, so a group compares equal whatever the config's order
 */
public record JobGroup(String cron, String timeZone, List<String> jobs) {

  public JobGroup {
    jobs = List.copyOf(jobs);
  }
}
