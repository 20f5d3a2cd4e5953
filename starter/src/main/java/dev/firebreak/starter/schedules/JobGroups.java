package dev.firebreak.starter.schedules;

import dev.firebreak.starter.service.Digests;
import dev.firebreak.workflows.job.JobGroup;
import dev.firebreak.workflows.job.JobSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Jobs grouped by cron expression and time zone, each group under a stable id ({@code jobs-<digest
 * of cron and zone>}): the Schedule's id on a real server, the cron workflow's on the dev server.
 * The id depends on the timing only, so adding or removing a job rewrites its group's list of jobs,
 * and changing a job's cron moves it to another group.
 */
public final class JobGroups {

  /** Ids of group Schedules and cron workflows; a job's own workflow is {@code job-<name>}. */
  public static final String PREFIX = "jobs-";

  /**
   * The readable part maps several crons to one text ({@code 1,2} and {@code 1-2}); the digest
   * keeps their ids apart.
   */
  private static final int DIGEST_DIGITS = 8;

  private JobGroups() {}

  public static String id(String cron, String timeZone) {
    String readable =
        (timeZone + " " + cron)
            .toLowerCase(Locale.ROOT)
            .replace("*", "x")
            .replaceAll("[^a-z0-9]+", "-");
    return PREFIX
        + readable
        + "-"
        + Digests.sha256Hex(cron + "\n" + timeZone).substring(0, DIGEST_DIGITS);
  }

  public static String id(JobGroup group) {
    return id(group.cron(), group.timeZone());
  }

  /** The groups of these jobs by id, in the order their first job is configured. */
  public static Map<String, JobGroup> of(List<JobSpec> jobs) {
    Map<String, TreeSet<String>> names = new LinkedHashMap<>();
    Map<String, JobSpec> first = new LinkedHashMap<>();
    for (JobSpec job : jobs) {
      String id = id(job.cron(), job.timeZone());
      names.computeIfAbsent(id, key -> new TreeSet<>()).add(job.name());
      first.putIfAbsent(id, job);
    }
    Map<String, JobGroup> groups = new LinkedHashMap<>();
    names.forEach(
        (id, members) ->
            groups.put(
                id,
                new JobGroup(
                    first.get(id).cron(), first.get(id).timeZone(), new ArrayList<>(members))));
    return groups;
  }
}
