package dev.firebreak.starter.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.job.JobActivities;
import dev.firebreak.workflows.job.JobOutcome;
import dev.firebreak.workflows.job.JobSpec;
import dev.firebreak.workflows.job.JobSpecs;
import dev.firebreak.workflows.job.JobTick;
import dev.firebreak.workflows.job.JobTickWorkflowImpl;
import dev.firebreak.workflows.job.JobWorkflow;
import dev.firebreak.workflows.job.JobWorkflowImpl;
import dev.firebreak.workflows.job.ScriptedJobCalls;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleDescription;
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
 * cron workflows.
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
    worker.registerWorkflowImplementationTypes(JobWorkflowImpl.class, JobTickWorkflowImpl.class);
    worker.registerActivitiesImplementations((JobActivities) endpoint);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  private static JobSpec job(String name, String cron) {
    JobSpec base = JobSpecs.paymentVerification(3, 1, 3);
    return new JobSpec(
        name, cron, "UTC", base.action(), base.timeout(), base.retry(), base.alerts(), true);
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return client
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  @Test
  void theSchedulerSaysItsCatchUpWindowAsPeopleReadADuration() {
    assertThat(new ScheduleJobScheduler(new InMemoryScheduleClient(), QUEUE).describe())
        .isEqualTo("Temporal Schedules (overlap skip, catch-up window 1h)");
  }

  @Test
  void schedulesAreAddedChangedAndRemovedToMatchTheConfig() {
    InMemoryScheduleClient schedules = new InMemoryScheduleClient();
    JobReconciler reconciler =
        new JobReconciler(client, new ScheduleJobScheduler(schedules, QUEUE), QUEUE);

    JobReconciler.Outcome first =
        reconciler.reconcile(List.of(job("analytics", "0 3 * * *"), job("reminders", "0 9 * * *")));
    assertThat(first.added()).containsExactly("analytics", "reminders");
    ScheduleDescription analytics = schedules.getHandle("job-analytics").describe();
    assertThat(analytics.getSchedule().getSpec().getCronExpressions()).containsExactly("0 3 * * *");
    assertThat(analytics.getSchedule().getSpec().getTimeZoneName()).isEqualTo("UTC");
    assertThat(analytics.getSchedule().getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    assertThat(analytics.getSchedule().getPolicy().getCatchupWindow())
        .isEqualTo(Duration.ofHours(1));
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow) analytics.getSchedule().getAction();
    assertThat(action.getWorkflowType()).isEqualTo("JobTickWorkflow");
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("job-analytics-tick");
    assertThat(status("job-analytics"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    JobReconciler.Outcome second = reconciler.reconcile(List.of(job("analytics", "30 3 * * *")));
    assertThat(second.changed()).containsExactly("analytics");
    assertThat(second.removed()).containsExactly("reminders");
    assertThat(schedules.schedules).containsOnlyKeys("job-analytics");
    assertThat(
            schedules
                .getHandle("job-analytics")
                .describe()
                .getSchedule()
                .getSpec()
                .getCronExpressions())
        .containsExactly("30 3 * * *");
    env.sleep(Duration.ofSeconds(5));
    assertThat(status("job-reminders"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(client.newWorkflowStub(JobWorkflow.class, "job-analytics").view().cron())
        .isEqualTo("30 3 * * *");

    int creates = schedules.creates;
    JobReconciler.Outcome third = reconciler.reconcile(List.of(job("analytics", "30 3 * * *")));
    assertThat(third.unchanged()).containsExactly("analytics");
    assertThat(schedules.creates).as("an unchanged config touches no schedule").isEqualTo(creates);
  }

  @Test
  void manyJobsAreReconciledAFewAtATimeAndReportedInTheConfigsOrder() {
    InMemoryScheduleClient schedules = new InMemoryScheduleClient();
    JobReconciler reconciler =
        new JobReconciler(client, new ScheduleJobScheduler(schedules, QUEUE), QUEUE);
    List<JobSpec> jobs =
        IntStream.range(0, 40).mapToObj(i -> job("job-" + i, i % 60 + " 3 * * *")).toList();

    JobReconciler.Outcome outcome = reconciler.reconcile(jobs);

    assertThat(outcome.added())
        .containsExactlyElementsOf(jobs.stream().map(JobSpec::name).toList());
    assertThat(schedules.schedules).hasSize(40);
    assertThat(reconciler.reconcile(jobs).unchanged()).hasSize(40);
  }

  @Test
  void aJobTheSchedulerRefusesFailsTheReconcileOnlyAfterEveryOtherJobIsScheduled() {
    InMemoryScheduleClient schedules = new InMemoryScheduleClient();
    ScheduleJobScheduler real = new ScheduleJobScheduler(schedules, QUEUE);
    JobScheduler refusingOne =
        new JobScheduler() {
          @Override
          public Map<String, JobTick> installed() {
            return real.installed();
          }

          @Override
          public void install(JobTick timing) {
            if (timing.job().equals("job-3")) {
              throw new IllegalStateException("the server refused job-3's schedule");
            }
            real.install(timing);
          }

          @Override
          public void uninstall(String job) {
            real.uninstall(job);
          }

          @Override
          public String describe() {
            return real.describe();
          }
        };
    List<JobSpec> jobs =
        IntStream.range(0, 10).mapToObj(i -> job("job-" + i, "0 3 * * *")).toList();

    assertThatThrownBy(() -> new JobReconciler(client, refusingOne, QUEUE).reconcile(jobs))
        .hasMessage("the server refused job-3's schedule");
    assertThat(schedules.schedules).hasSize(9).doesNotContainKey("job-job-3");
  }

  @Test
  void theDevServerHasNoScheduleApiSoCronWorkflowsFireTheJobs() {
    JobScheduler scheduler = JobSchedulers.forServer(client, QUEUE);
    assertThat(scheduler).isInstanceOf(CronJobScheduler.class);
    JobReconciler reconciler = new JobReconciler(client, scheduler, QUEUE);

    assertThat(
            reconciler
                .reconcile(List.of(job("webhooks", "*/15 * * * *"), job("purge", "0 4 * * *")))
                .added())
        .containsExactlyInAnyOrder("webhooks", "purge");
    env.sleep(Duration.ofMinutes(31));
    JobWorkflow webhooks = client.newWorkflowStub(JobWorkflow.class, "job-webhooks");
    assertThat(webhooks.view().history())
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(run -> assertThat(run.trigger().kind()).isEqualTo("scheduled"))
        .allSatisfy(run -> assertThat(run.outcome()).isEqualTo(JobOutcome.SUCCEEDED));

    JobReconciler.Outcome changed = reconciler.reconcile(List.of(job("webhooks", "*/5 * * * *")));
    assertThat(changed.changed()).containsExactly("webhooks");
    assertThat(changed.removed()).containsExactly("purge");
    assertThat(scheduler.installed()).containsOnlyKeys("webhooks");
    assertThat(scheduler.installed().get("webhooks").cron()).isEqualTo("*/5 * * * *");
    assertThat(status("job-purge-tick"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);

    assertThat(reconciler.reconcile(List.of(job("webhooks", "*/5 * * * *"))).unchanged())
        .containsExactly("webhooks");
  }
}
