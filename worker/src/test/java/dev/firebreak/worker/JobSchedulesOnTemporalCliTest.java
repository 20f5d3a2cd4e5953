package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firebreak.starter.schedules.JobReconciler;
import dev.firebreak.starter.schedules.JobScheduler;
import dev.firebreak.starter.schedules.JobSchedulers;
import dev.firebreak.starter.schedules.ScheduleJobScheduler;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.job.JobActivities;
import dev.firebreak.workflows.job.JobCommand;
import dev.firebreak.workflows.job.JobOutcome;
import dev.firebreak.workflows.job.JobSpec;
import dev.firebreak.workflows.job.JobSpecs;
import dev.firebreak.workflows.job.JobTickWorkflowImpl;
import dev.firebreak.workflows.job.JobTrigger;
import dev.firebreak.workflows.job.JobWorkflow;
import dev.firebreak.workflows.job.JobWorkflowImpl;
import dev.firebreak.workflows.job.ScriptedJobCalls;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jobs reconciled into real Temporal Schedules on the CLI's dev server: the code path the embedded
 * test server (no Schedule API) never runs. The schedules' next times are computed by the server,
 * so they show it honours the cron and the time zone.
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
        .registerWorkflowImplementationTypes(JobWorkflowImpl.class, JobTickWorkflowImpl.class);
    workers.getWorker(QUEUE).registerActivitiesImplementations((JobActivities) endpoint);
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
    JobSpec base = JobSpecs.paymentVerification(3, 1, 3);
    return new JobSpec(
        name, cron, zone, base.action(), base.timeout(), base.retry(), base.alerts(), true);
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

  @Test
  void schedulesAreCreatedChangedAndRemovedToMatchTheConfigInTheirTimeZones() {
    JobReconciler.Outcome first =
        reconciler.reconcile(
            List.of(
                job("analytics", "0 3 * * *", "UTC"),
                job("reminders", "0 9 * * 1-5", "Europe/Paris")));
    assertThat(first.added()).contains("analytics", "reminders");
    ScheduleDescription reminders = schedules.getHandle("job-reminders").describe();
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
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            this::scheduleIds, ids -> ids.containsAll(List.of("job-analytics", "job-reminders")));

    JobReconciler.Outcome second =
        reconciler.reconcile(List.of(job("analytics", "30 3 * * *", "UTC")));
    assertThat(second.changed()).containsExactly("analytics");
    assertThat(second.removed()).contains("reminders");
    assertThat(nextTimes(schedules.getHandle("job-analytics").describe(), "UTC"))
        .isNotEmpty()
        .allSatisfy(next -> assertThat(next.toLocalTime().toString()).isEqualTo("03:30"));
    assertThat(client.newWorkflowStub(JobWorkflow.class, "job-analytics").view().cron())
        .isEqualTo("30 3 * * *");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              assertThat(scheduleIds()).contains("job-analytics").doesNotContain("job-reminders");
              assertThat(status("job-reminders"))
                  .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
            });

    assertThat(reconciler.reconcile(List.of(job("analytics", "30 3 * * *", "UTC"))).unchanged())
        .containsExactly("analytics");
  }

  @Test
  void aSchedulePausedFromTheUiStaysPausedThroughAReconcileAndATriggerRunsTheJobNow() {
    JobSpec verify = job("verify", "*/15 * * * *", "America/New_York");
    reconciler.reconcile(List.of(verify));
    ScheduleHandle schedule = schedules.getHandle("job-verify");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(this::scheduleIds, ids -> ids.contains("job-verify"));

    schedule.pause("paused from the Temporal UI");
    assertThat(reconciler.reconcile(List.of(verify)).unchanged()).containsExactly("verify");
    assertThat(schedule.describe().getSchedule().getState().isPaused()).isTrue();
    schedule.unpause("resumed from the Temporal UI");
    assertThat(schedule.describe().getSchedule().getState().isPaused()).isFalse();

    schedule.trigger();
    JobWorkflow job = client.newWorkflowStub(JobWorkflow.class, "job-verify");
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> job.view().history(),
            runs -> runs.size() == 1 && runs.get(0).outcome() == JobOutcome.SUCCEEDED);
    assertThat(job.view().history().get(0).trigger().kind()).isEqualTo(JobTrigger.SCHEDULED);
    assertThat(endpoint.calls).hasSize(1);

    // The job's own pause (the API's and the CLI's) skips what the schedule fires; run now still
    // runs it.
    assertThat(job.pause(new JobCommand("alice", "deploy freeze")).paused()).isTrue();
    schedule.trigger();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> job.view().history(),
            runs -> runs.stream().anyMatch(run -> run.outcome() == JobOutcome.SKIPPED));
    job.runNow(new JobCommand("alice", "check it once"));
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> job.view().history(),
            runs ->
                runs.stream()
                    .anyMatch(
                        run ->
                            JobTrigger.MANUAL.equals(run.trigger().kind())
                                && run.outcome() == JobOutcome.SUCCEEDED));
    assertThat(job.resume(new JobCommand("alice", null)).paused()).isFalse();
    assertThat(job.view().history())
        .extracting(run -> run.trigger().kind() + " " + run.outcome())
        .containsExactlyInAnyOrder("scheduled SUCCEEDED", "scheduled SKIPPED", "manual SUCCEEDED");
    assertThat(endpoint.calls).hasSize(2);
  }
}
