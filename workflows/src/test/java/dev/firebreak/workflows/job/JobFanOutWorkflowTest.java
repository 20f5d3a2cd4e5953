package dev.firebreak.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One firing of a group tells each of its jobs, and fails naming those that are gone. */
class JobFanOutWorkflowTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final ScriptedJobCalls endpoint = new ScriptedJobCalls();

  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env) {
    this.env = env;
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(JobWorkflowImpl.class, JobFanOutWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        endpoint, new RecordingChat(), new SignallingJobGroups(env.getWorkflowClient()));
    env.start();
    client = env.getWorkflowClient();
  }

  private JobWorkflow start(String name) {
    JobSpec base = JobSpecs.paymentVerification(3, 2, 3);
    return JobSpecs.start(client, JobSpecs.renamed(base, name, base.cron(), base.timeZone()));
  }

  private void fire(List<String> jobs) {
    client
        .newWorkflowStub(
            JobFanOutWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("jobs-test")
                .setTaskQueue(TaskQueue.NAME)
                .build())
        .fire(new JobGroup("*/5 * * * *", "UTC", jobs));
  }

  @Test
  void everyJobOfTheGroupRunsOnceAsScheduled() {
    List<String> names = IntStream.range(0, 5).mapToObj(i -> "job-" + i).toList();
    List<JobWorkflow> jobs = names.stream().map(this::start).toList();

    fire(names);
    env.sleep(Duration.ofMinutes(1));

    assertThat(jobs)
        .allSatisfy(
            job -> {
              JobRun run = job.view().lastRun();
              assertThat(run.trigger().kind()).isEqualTo(JobTrigger.SCHEDULED);
              assertThat(run.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
            });
    assertThat(endpoint.calls).hasSize(5);
  }

  @Test
  void aPausedJobOfTheGroupRecordsItsRunAsSkippedWhileTheOthersRun() {
    JobWorkflow billing = start("billing");
    JobWorkflow reports = start("reports");
    reports.pause(new JobCommand("alice", "migration"));

    fire(List.of("billing", "reports"));
    env.sleep(Duration.ofMinutes(1));

    assertThat(billing.view().lastRun().outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    assertThat(reports.view().lastRun().outcome()).isEqualTo(JobOutcome.SKIPPED);
    assertThat(reports.view().lastRun().detail()).contains("paused by alice");
    assertThat(endpoint.calls).hasSize(1);
  }

  @Test
  void aJobWhoseWorkflowIsGoneFailsTheFiringByNameAfterTheOthersAreTold() {
    JobWorkflow billing = start("billing");
    JobWorkflow reports = start("reports");

    assertThatThrownBy(() -> fire(List.of("billing", "removed", "reports")))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(JobFanOutWorkflowImpl.JOBS_GONE);
              assertThat(failure.getOriginalMessage())
                  .contains("removed")
                  .doesNotContain("billing");
              assertThat(failure.isNonRetryable()).isTrue();
            });
    env.sleep(Duration.ofMinutes(1));

    assertThat(List.of(billing, reports))
        .allSatisfy(
            job -> assertThat(job.view().lastRun().outcome()).isEqualTo(JobOutcome.SUCCEEDED));
  }
}
