package dev.firebreak.starter.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.job.JobActivities;
import dev.firebreak.workflows.job.JobFanOutWorkflowImpl;
import dev.firebreak.workflows.job.JobGroup;
import dev.firebreak.workflows.job.JobOutcome;
import dev.firebreak.workflows.job.JobSpec;
import dev.firebreak.workflows.job.JobSpecs;
import dev.firebreak.workflows.job.JobTick;
import dev.firebreak.workflows.job.JobTickWorkflow;
import dev.firebreak.workflows.job.JobTickWorkflowImpl;
import dev.firebreak.workflows.job.JobWorkflow;
import dev.firebreak.workflows.job.JobWorkflowImpl;
import dev.firebreak.workflows.job.ScriptedJobCalls;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The config as the source of truth, against Schedules (in memory) and against the dev server's
 * cron workflows: one Schedule or cron workflow per cron expression and zone.
 */
class JobReconcilerTest {

  private static final String QUEUE = TaskQueue.NAME;

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final ScriptedJobCalls endpoint = new ScriptedJobCalls();

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        JobWorkflowImpl.class, JobTickWorkflowImpl.class, JobFanOutWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        (JobActivities) endpoint, new DueSignals(env.getWorkflowClient()));
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  private static JobSpec job(String name, String cron) {
    return JobSpecs.dryRun(name, cron, "UTC");
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return client
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  private static ScheduleActionStartWorkflow action(ScheduleDescription schedule) {
    return (ScheduleActionStartWorkflow) schedule.getSchedule().getAction();
  }

  private static JobGroup groupOf(ScheduleDescription schedule) {
    return ScheduleJobScheduler.groupOf(schedule.getSchedule());
  }

  @Test
  void theSchedulerSaysItsCatchUpWindowAsPeopleReadADuration() {
    assertThat(new ScheduleJobScheduler(new InMemoryScheduleClient(), QUEUE).describe())
        .isEqualTo(
            "Temporal Schedules, one per cron expression and zone (overlap skip, catch-up window 1h)");
  }

  @Test
  void jobsSharingACronAndZoneShareOneScheduleThatChangesWithTheConfig() {
    InMemoryScheduleClient schedules = new InMemoryScheduleClient();
    JobReconciler reconciler =
        new JobReconciler(client, new ScheduleJobScheduler(schedules, QUEUE), QUEUE);
    String at3 = JobGroups.id("0 3 * * *", "UTC");
    String at9 = JobGroups.id("0 9 * * *", "UTC");
    String at330 = JobGroups.id("30 3 * * *", "UTC");

    JobReconciler.Outcome first =
        reconciler.reconcile(
            List.of(
                job("analytics", "0 3 * * *"),
                job("reminders", "0 9 * * *"),
                job("backup", "0 3 * * *")));
    assertThat(first.added()).containsExactly("analytics", "reminders", "backup");
    assertThat(schedules.schedules).containsOnlyKeys(at3, at9);
    ScheduleDescription nightly = schedules.getHandle(at3).describe();
    assertThat(nightly.getSchedule().getSpec().getCronExpressions()).containsExactly("0 3 * * *");
    assertThat(nightly.getSchedule().getSpec().getTimeZoneName()).isEqualTo("UTC");
    assertThat(nightly.getSchedule().getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    assertThat(nightly.getSchedule().getPolicy().getCatchupWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(action(nightly).getWorkflowType()).isEqualTo("JobFanOutWorkflow");
    assertThat(action(nightly).getOptions().getWorkflowId()).isEqualTo(at3);
    assertThat(groupOf(nightly).jobs()).containsExactly("analytics", "backup");
    assertThat(nightly.getSchedule().getState().getNote()).contains("analytics, backup");
    assertThat(status("job-backup"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    JobReconciler.Outcome second =
        reconciler.reconcile(List.of(job("analytics", "30 3 * * *"), job("backup", "0 3 * * *")));
    assertThat(second.changed()).containsExactly("analytics");
    assertThat(second.unchanged()).containsExactly("backup");
    assertThat(second.removed()).containsExactly("reminders");
    assertThat(schedules.schedules).containsOnlyKeys(at3, at330);
    assertThat(groupOf(schedules.getHandle(at3).describe()).jobs()).containsExactly("backup");
    assertThat(groupOf(schedules.getHandle(at330).describe()).jobs()).containsExactly("analytics");
    env.sleep(Duration.ofSeconds(5));
    assertThat(status("job-reminders"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(client.newWorkflowStub(JobWorkflow.class, "job-analytics").view().cron())
        .isEqualTo("30 3 * * *");

    int creates = schedules.creates;
    int deletes = schedules.deletes;
    JobReconciler.Outcome third =
        reconciler.reconcile(List.of(job("backup", "0 3 * * *"), job("analytics", "30 3 * * *")));
    assertThat(third.unchanged()).containsExactly("backup", "analytics");
    assertThat(schedules.creates).as("an unchanged config creates no schedule").isEqualTo(creates);
    assertThat(schedules.deletes).as("an unchanged config deletes no schedule").isEqualTo(deletes);
  }

  @Test
  void twoHundredJobsOnFourTimingsAreFourSchedulesAndTheirOutcomeIsInTheConfigsOrder() {
    InMemoryScheduleClient schedules = new InMemoryScheduleClient();
    JobReconciler reconciler =
        new JobReconciler(client, new ScheduleJobScheduler(schedules, QUEUE), QUEUE);
    List<JobSpec> jobs =
        IntStream.range(0, 200).mapToObj(i -> job("job-" + i, i % 4 + " 3 * * *")).toList();

    JobReconciler.Outcome outcome = reconciler.reconcile(jobs);

    assertThat(outcome.added())
        .containsExactlyElementsOf(jobs.stream().map(JobSpec::name).toList());
    assertThat(schedules.schedules).hasSize(4);
    assertThat(schedules.schedules.values())
        .allSatisfy(stored -> assertThat(groupJobs(stored)).hasSize(50));
    assertThat(reconciler.reconcile(jobs).unchanged()).hasSize(200);
    assertThat(schedules.creates).isEqualTo(4);
  }

  private static List<String> groupJobs(InMemoryScheduleClient.Stored stored) {
    return ScheduleJobScheduler.groupOf(stored.schedule()).jobs();
  }

  @Test
  void perJobSchedulesFromAVersionBeforeGroupsAreReplacedByTheirGroupOnReconcile() {
    InMemoryScheduleClient schedules = new InMemoryScheduleClient();
    for (String name : List.of("analytics", "purge")) {
      schedules.createSchedule(
          "job-" + name,
          Schedule.newBuilder()
              .setAction(
                  ScheduleActionStartWorkflow.newBuilder()
                      .setWorkflowType("JobTickWorkflow")
                      .setOptions(
                          WorkflowOptions.newBuilder()
                              .setWorkflowId("job-" + name + "-tick")
                              .setTaskQueue(QUEUE)
                              .build())
                      .build())
              .setSpec(ScheduleSpec.newBuilder().setCronExpressions(List.of("0 3 * * *")).build())
              .build(),
          ScheduleOptions.newBuilder()
              .setMemo(Map.of("job", name, "cron", "0 3 * * *", "timeZone", "UTC"))
              .build());
    }
    JobReconciler reconciler =
        new JobReconciler(client, new ScheduleJobScheduler(schedules, QUEUE), QUEUE);

    JobReconciler.Outcome outcome = reconciler.reconcile(List.of(job("analytics", "0 3 * * *")));

    assertThat(outcome.unchanged()).containsExactly("analytics");
    assertThat(outcome.removed()).containsExactly("purge");
    String group = JobGroups.id("0 3 * * *", "UTC");
    assertThat(schedules.schedules).containsOnlyKeys(group);
    assertThat(groupOf(schedules.getHandle(group).describe()).jobs()).containsExactly("analytics");
  }

  @Test
  void aGroupTheSchedulerRefusesFailsTheReconcileOnlyAfterEveryOtherGroupIsScheduled() {
    InMemoryScheduleClient schedules = new InMemoryScheduleClient();
    ScheduleJobScheduler real = new ScheduleJobScheduler(schedules, QUEUE);
    String refused = JobGroups.id("3 3 * * *", "UTC");
    JobScheduler refusingOne =
        new JobScheduler() {
          @Override
          public Map<String, JobGroup> installed() {
            return real.installed();
          }

          @Override
          public void install(String id, JobGroup group) {
            if (id.equals(refused)) {
              throw new IllegalStateException("the server refused " + id);
            }
            real.install(id, group);
          }

          @Override
          public void uninstall(String id) {
            real.uninstall(id);
          }

          @Override
          public String describe() {
            return real.describe();
          }
        };
    List<JobSpec> jobs =
        IntStream.range(0, 10).mapToObj(i -> job("job-" + i, i + " 3 * * *")).toList();

    assertThatThrownBy(() -> new JobReconciler(client, refusingOne, QUEUE).reconcile(jobs))
        .hasMessage("the server refused " + refused);
    assertThat(schedules.schedules).hasSize(9).doesNotContainKey(refused);
    assertThat(status("job-job-3"))
        .as("the refused group's job still has its workflow")
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void theDevServerHasNoScheduleApiSoOneCronWorkflowPerGroupFiresItsJobs() {
    JobScheduler scheduler = JobSchedulers.forServer(client, QUEUE);
    assertThat(scheduler).isInstanceOf(CronJobScheduler.class);
    JobReconciler reconciler = new JobReconciler(client, scheduler, QUEUE);
    String quarterly = JobGroups.id("*/15 * * * *", "UTC");

    assertThat(
            reconciler
                .reconcile(
                    List.of(
                        job("webhooks", "*/15 * * * *"),
                        job("purge", "0 4 * * *"),
                        job("metrics", "*/15 * * * *")))
                .added())
        .containsExactlyInAnyOrder("webhooks", "purge", "metrics");
    assertThat(scheduler.installed()).hasSize(2);
    assertThat(scheduler.installed().get(quarterly).jobs()).containsExactly("metrics", "webhooks");
    env.sleep(Duration.ofMinutes(31));
    for (String name : List.of("job-webhooks", "job-metrics")) {
      assertThat(client.newWorkflowStub(JobWorkflow.class, name).view().history())
          .hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(run -> assertThat(run.trigger().kind()).isEqualTo("scheduled"))
          .allSatisfy(run -> assertThat(run.outcome()).isEqualTo(JobOutcome.SUCCEEDED));
    }

    JobReconciler.Outcome changed =
        reconciler.reconcile(
            List.of(job("webhooks", "*/5 * * * *"), job("metrics", "*/15 * * * *")));
    assertThat(changed.changed()).containsExactly("webhooks");
    assertThat(changed.unchanged()).containsExactly("metrics");
    assertThat(changed.removed()).containsExactly("purge");
    String fiveMinutes = JobGroups.id("*/5 * * * *", "UTC");
    assertThat(scheduler.installed()).containsOnlyKeys(fiveMinutes, quarterly);
    assertThat(scheduler.installed().get(fiveMinutes).jobs()).containsExactly("webhooks");
    assertThat(scheduler.installed().get(quarterly).jobs()).containsExactly("metrics");
    assertThat(status(JobGroups.id("0 4 * * *", "UTC")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);

    assertThat(
            reconciler
                .reconcile(List.of(job("webhooks", "*/5 * * * *"), job("metrics", "*/15 * * * *")))
                .unchanged())
        .containsExactly("webhooks", "metrics");
  }

  @Test
  void aPerJobTickFromAVersionBeforeGroupsIsTerminatedOnTheDevServersReconcile() {
    JobScheduler scheduler = JobSchedulers.forServer(client, QUEUE);
    JobReconciler reconciler = new JobReconciler(client, scheduler, QUEUE);
    JobSpec purge = job("purge", "0 4 * * *");
    reconciler.reconcile(List.of(purge));
    scheduler.uninstall(JobGroups.id("0 4 * * *", "UTC"));
    WorkflowClient.start(
        client.newWorkflowStub(
                JobTickWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(JobTickWorkflow.workflowId("purge"))
                    .setTaskQueue(QUEUE)
                    .setCronSchedule(purge.cron())
                    .build())
            ::tick,
        JobTick.of(purge));

    assertThat(reconciler.reconcile(List.of(purge)).unchanged()).containsExactly("purge");

    assertThat(scheduler.installed()).containsOnlyKeys(JobGroups.id("0 4 * * *", "UTC"));
    assertThat(status("job-purge-tick"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
  }
}
