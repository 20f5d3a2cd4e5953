package dev.firebreak.starter.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.job.JobGroup;
import dev.firebreak.workflows.job.JobSpec;
import dev.firebreak.workflows.job.JobSpecs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which jobs share a Schedule: those with the same cron expression and the same time zone. */
class JobGroupsTest {

  private static JobSpec job(String name, String cron, String zone) {
    return JobSpecs.dryRun(name, cron, zone);
  }

  @Test
  void jobsWithTheSameCronAndZoneFormOneGroupOfSortedNamesUnderAStableId() {
    Map<String, JobGroup> groups =
        JobGroups.of(
            List.of(
                job("reports", "0 9 * * 1-5", "Europe/Paris"),
                job("billing", "0 9 * * 1-5", "Europe/Paris"),
                job("audit", "0 9 * * 1-5", "Europe/Paris")));

    assertThat(groups)
        .containsExactly(
            Map.entry(
                JobGroups.id("0 9 * * 1-5", "Europe/Paris"),
                new JobGroup(
                    "0 9 * * 1-5", "Europe/Paris", List.of("audit", "billing", "reports"))));
    assertThat(JobGroups.id("0 9 * * 1-5", "Europe/Paris"))
        .as("the same timing always has the same id")
        .isEqualTo(JobGroups.id("0 9 * * 1-5", "Europe/Paris"))
        .matches("jobs-europe-paris-0-9-x-x-1-5-[0-9a-f]{8}");
  }

  static Stream<Arguments> differentTimings() {
    return Stream.of(
        Arguments.of("0 3 * * *", "UTC", "30 3 * * *", "UTC"),
        Arguments.of("0 3 * * *", "UTC", "0 3 * * *", "Europe/London"),
        Arguments.of("0 3 * * *", "America/New_York", "0 3 * * *", "America/Chicago"),
        Arguments.of("*/5 * * * *", "UTC", "*/15 * * * *", "UTC"),
        Arguments.of("0 9 * * 1-5", "UTC", "0 9 * * 1-5 ", "UTC"));
  }

  @ParameterizedTest(name = "''{0}'' ({1}) and ''{2}'' ({3})")
  @MethodSource("differentTimings")
  void jobsThatDifferInCronOrZoneAreInDifferentGroups(
      String cron, String zone, String otherCron, String otherZone) {
    Map<String, JobGroup> groups =
        JobGroups.of(List.of(job("a", cron, zone), job("b", otherCron, otherZone)));

    assertThat(groups).hasSize(2);
    assertThat(groups.values())
        .extracting(JobGroup::jobs)
        .containsExactly(List.of("a"), List.of("b"));
    assertThat(JobGroups.id(cron, zone)).isNotEqualTo(JobGroups.id(otherCron, otherZone));
  }

  @Test
  void theGroupsDoNotDependOnTheOrderOfTheConfig() {
    List<JobSpec> jobs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      jobs.add(job("job-" + i, i % 3 + " 2 * * *", i % 2 == 0 ? "UTC" : "Asia/Tokyo"));
    }
    Map<String, JobGroup> inOrder = JobGroups.of(jobs);
    Collections.reverse(jobs);

    assertThat(JobGroups.of(jobs)).containsExactlyInAnyOrderEntriesOf(inOrder).hasSize(6);
  }
}
