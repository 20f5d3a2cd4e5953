package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firebreak.starter.schedules.DueSignals;
import dev.firebreak.starter.schedules.JobGroups;
import dev.firebreak.starter.schedules.JobReconciler;
import dev.firebreak.starter.schedules.JobScheduler;
import dev.firebreak.starter.schedules.JobSchedulers;
import dev.firebreak.starter.schedules.ScheduleJobScheduler;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.job.JobActivities;
import dev.firebreak.workflows.job.JobCommand;
import dev.firebreak.workflows.job.JobDue;
import dev.firebreak.workflows.job.JobFanOutWorkflowImpl;
import dev.firebreak.workflows.job.JobGroup;
import dev.firebreak.workflows.job.JobOutcome;
import dev.firebreak.workflows.job.JobSpec;
import dev.firebreak.workflows.job.JobSpecs;
import dev.firebreak.workflows.job.JobTick;
import dev.firebreak.workflows.job.JobTickWorkflow;
import dev.firebreak.workflows.job.JobTickWorkflowImpl;
import dev.firebreak.workflows.job.JobTrigger;
import dev.firebreak.workflows.job.JobWorkflow;
import dev.firebreak.workflows.job.JobWorkflowImpl;
import dev.firebreak.workflows.job.ScriptedJobCalls;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jobs reconciled into real Temporal Schedules on the CLI's dev server, one per cron expression and
 * zone: the code path the embedded test server (no Schedule API) never runs. The schedules' next
 * times are computed by the server, so they show it honours the cron and the time zone.
 */
class JobSchedulesOnTemporalCliTest {

  @RegisterExtension static final TemporalCliServer temporal = TemporalCliServer.started();

  private static final String QUEUE = TaskQueue.NAME;

  private final ScriptedJobCalls endpoint = new ScriptedJobCalls();
  private WorkflowClient client;
  private WorkerFactory workers;
  private ScheduleClient schedules;
  private JobReconciler reconciler;

  @BeforeEach
  void startWorker() {
    client = temporal.newClient();
    workers = WorkerFactory.newInstance(client);
    workers
        .newWorker(QUEUE)
        .registerWorkflowImplementationTypes(
            JobWorkflowImpl.class, JobTickWorkflowImpl.class, JobFanOutWorkflowImpl.class);
    workers
        .getWorker(QUEUE)
        .registerActivitiesImplementations((JobActivities) endpoint, new DueSignals(client));
    workers.start();
    schedules =
        ScheduleClient.newInstance(
            client.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder().setNamespace(CliTemporal.NAMESPACE).build());
    JobScheduler scheduler = JobSchedulers.forServer(client, QUEUE);
    assertThat(scheduler)
        .as("a real server has the Schedule API")
        .isInstanceOf(ScheduleJobScheduler.class);
    reconciler = new JobReconciler(client, scheduler, QUEUE);
  }

  @AfterEach
  void stopWorker() {
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
    client.getWorkflowServiceStubs().shutdownNow();
  }

  private static JobSpec job(String name, String cron, String zone) {
    return JobSpecs.dryRun(name, cron, zone);
  }

  private List<String> scheduleIds() {
    return schedules.listSchedules().map(ScheduleListDescription::getScheduleId).toList();
  }

  private static List<ZonedDateTime> nextTimes(ScheduleDescription schedule, String zone) {
    return schedule.getInfo().getNextActionTimes().stream()
        .map(t -> t.atZone(ZoneId.of(zone)))
        .toList();
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return client
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  private JobGroup groupOf(String id) {
    return ScheduleJobScheduler.groupOf(schedules.getHandle(id).describe().getSchedule());
  }

  @Test
  void groupSchedulesFollowTheConfigInTheirTimeZonesAndAChangedCronMovesAJobToAnotherGroup() {
    String at3 = JobGroups.id("0 3 * * *", "UTC");
    String at330 = JobGroups.id("30 3 * * *", "UTC");
    String weekdaysInParis = JobGroups.id("0 9 * * 1-5", "Europe/Paris");
    JobReconciler.Outcome first =
        reconciler.reconcile(
            List.of(
                job("analytics", "0 3 * * *", "UTC"),
                job("backup", "0 3 * * *", "UTC"),
                job("reminders", "0 9 * * 1-5", "Europe/Paris")));
    assertThat(first.added()).contains("analytics", "backup", "reminders");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(this::scheduleIds, ids -> ids.containsAll(List.of(at3, weekdaysInParis)));
    assertThat(scheduleIds()).doesNotContain("job-analytics", "job-backup", "job-reminders");
    assertThat(groupOf(at3).jobs()).containsExactly("analytics", "backup");
    ScheduleDescription reminders = schedules.getHandle(weekdaysInParis).describe();
    assertThat(reminders.getSchedule().getSpec().getTimeZoneName()).isEqualTo("Europe/Paris");
    assertThat(nextTimes(reminders, "Europe/Paris"))
        .isNotEmpty()
        .allSatisfy(
            next -> {
              assertThat(next.getHour()).isEqualTo(9);
              assertThat(next.getMinute()).isZero();
              assertThat(next.getDayOfWeek().getValue()).isBetween(1, 5);
            });
    assertThat(status("job-reminders"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    JobReconciler.Outcome second =
        reconciler.reconcile(
            List.of(job("analytics", "30 3 * * *", "UTC"), job("backup", "0 3 * * *", "UTC")));
    assertThat(second.changed()).containsExactly("analytics");
    assertThat(second.unchanged()).containsExactly("backup");
    assertThat(second.removed()).contains("reminders");
    assertThat(groupOf(at3).jobs()).containsExactly("backup");
    assertThat(groupOf(at330).jobs()).containsExactly("analytics");
    assertThat(nextTimes(schedules.getHandle(at330).describe(), "UTC"))
        .isNotEmpty()
        .allSatisfy(next -> assertThat(next.toLocalTime().toString()).isEqualTo("03:30"));
    assertThat(client.newWorkflowStub(JobWorkflow.class, "job-analytics").view().cron())
        .isEqualTo("30 3 * * *");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              assertThat(scheduleIds()).contains(at3, at330).doesNotContain(weekdaysInParis);
              assertThat(status("job-reminders"))
                  .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
            });

    assertThat(
            reconciler
                .reconcile(
                    List.of(
                        job("analytics", "30 3 * * *", "UTC"), job("backup", "0 3 * * *", "UTC")))
                .unchanged())
        .containsExactly("analytics", "backup");
  }

  @Test
  void aGroupScheduleStartsEveryJobOfItsGroupAndOneJobIsPausedOrRunNowAlone() {
    List<String> names = List.of("verify-a", "verify-b", "verify-c");
    List<JobSpec> jobs =
        names.stream().map(name -> job(name, "*/15 * * * *", "America/New_York")).toList();
    reconciler.reconcile(jobs);
    String id = JobGroups.id("*/15 * * * *", "America/New_York");
    ScheduleHandle schedule = schedules.getHandle(id);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(this::scheduleIds, ids -> ids.contains(id));
    JobWorkflow a = jobWorkflow("verify-a");
    JobWorkflow b = jobWorkflow("verify-b");
    JobWorkflow c = jobWorkflow("verify-c");

    // Triggering the group's Schedule (what the minute does, and the UI's "Trigger") runs each
    // job of the group once.
    schedule.trigger();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(List.of(a, b, c))
                    .allSatisfy(
                        job ->
                            assertThat(job.view().history())
                                .extracting(run -> run.trigger().kind() + " " + run.outcome())
                                .containsExactly("scheduled SUCCEEDED")));
    assertThat(endpoint.calls).hasSize(3);

    // One job's own pause (the API's and the CLI's) skips only that job's scheduled runs.
    assertThat(b.pause(new JobCommand("alice", "deploy freeze")).paused()).isTrue();
    schedule.trigger();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              assertThat(a.view().history()).hasSize(2);
              assertThat(c.view().history()).hasSize(2);
              assertThat(b.view().history())
                  .extracting(run -> run.trigger().kind() + " " + run.outcome())
                  .containsExactlyInAnyOrder("scheduled SUCCEEDED", "scheduled SKIPPED");
            });
    assertThat(endpoint.calls).hasSize(5);

    // Run now starts that one job's run, paused or not, and no other.
    b.runNow(new JobCommand("alice", "check it once"));
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> b.view().history(),
            runs ->
                runs.stream()
                    .anyMatch(
                        run ->
                            JobTrigger.MANUAL.equals(run.trigger().kind())
                                && run.outcome() == JobOutcome.SUCCEEDED));
    assertThat(endpoint.calls).hasSize(6);
    assertThat(a.view().history()).hasSize(2);
    assertThat(b.resume(new JobCommand("alice", null)).paused()).isFalse();

    // A pause set on the group's Schedule from the Temporal UI survives a reconcile that changes
    // the group's jobs.
    schedule.pause("paused from the Temporal UI");
    reconciler.reconcile(jobs.subList(0, 2));
    ScheduleDescription paused = schedule.describe();
    assertThat(paused.getSchedule().getState().isPaused()).isTrue();
    assertThat(paused.getSchedule().getState().getNote()).isEqualTo("paused from the Temporal UI");
    assertThat(ScheduleJobScheduler.groupOf(paused.getSchedule()).jobs())
        .containsExactly("verify-a", "verify-b");
    schedule.unpause("resumed from the Temporal UI");
  }

  @Test
  void aPerJobScheduleFromAVersionBeforeGroupsIsDeletedOnReconcile() {
    JobSpec legacy = job("legacy", "0 5 * * *", "UTC");
    reconciler.reconcile(List.of(legacy));
    schedules.createSchedule(
        "job-legacy",
        Schedule.newBuilder()
            .setAction(
                ScheduleActionStartWorkflow.newBuilder()
                    .setWorkflowType(JobTickWorkflow.class)
                    .setArguments(JobTick.of(legacy))
                    .setOptions(
                        WorkflowOptions.newBuilder()
                            .setWorkflowId(JobTickWorkflow.workflowId("legacy"))
                            .setTaskQueue(QUEUE)
                            .build())
                    .build())
            .setSpec(ScheduleSpec.newBuilder().setCronExpressions(List.of("0 5 * * *")).build())
            .build(),
        ScheduleOptions.newBuilder()
            .setMemo(Map.of("job", "legacy", "cron", "0 5 * * *", "timeZone", "UTC"))
            .build());
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(this::scheduleIds, ids -> ids.contains("job-legacy"));

    assertThat(reconciler.reconcile(List.of(legacy)).unchanged()).containsExactly("legacy");

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(scheduleIds())
                    .contains(JobGroups.id("0 5 * * *", "UTC"))
                    .doesNotContain("job-legacy"));
  }

  @Test
  void aFiringToldTwiceRunsEachJobOnceBecauseTheServerKeepsOneSignalPerRequestId() {
    List<JobSpec> jobs =
        List.of(job("once-a", "0 6 * * *", "UTC"), job("once-b", "0 6 * * *", "UTC"));
    reconciler.reconcile(jobs);
    JobDue due =
        new JobDue(
            "firing-retried",
            List.of("once-a", "once-b", "once-gone"),
            JobTrigger.scheduled(Instant.now()));
    DueSignals signals = new DueSignals(client);

    assertThat(signals.tellDue(due)).containsExactly("once-gone");
    assertThat(signals.tellDue(due)).as("the retried attempt").containsExactly("once-gone");

    // Two calls, and still two three seconds later: a second signal would have run a job again.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> endpoint.calls.size() == 2);
    assertThat(List.of(jobWorkflow("once-a"), jobWorkflow("once-b")))
        .allSatisfy(
            job ->
                assertThat(job.view().history())
                    .extracting(run -> run.trigger().kind() + " " + run.outcome())
                    .containsExactly("scheduled SUCCEEDED"));
    assertThat(endpoint.calls).hasSize(2);
  }

  private JobWorkflow jobWorkflow(String name) {
    return client.newWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(name));
  }
}
