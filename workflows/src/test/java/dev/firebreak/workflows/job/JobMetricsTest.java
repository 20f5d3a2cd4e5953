package dev.firebreak.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.firebreak.workflows.common.ReportedMetrics;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobMetricsTest {

  private final ReportedMetrics reported = new ReportedMetrics("job", "outcome");
  private final Scope scope =
      new RootScopeBuilder().reporter(reported).reportEvery(com.uber.m3.util.Duration.ofMillis(10));

  /**
   * Closes the server after each test and prints the workflows' histories when one fails. The test
   * closes its metrics scope itself, which reports what is left, before its verdict. The worker is
   * this class's own, on {@link TaskQueue#NAME}: a job starts its children there.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder().setMetricsScope(scope).setDoNotStart(true).build();

  @Test
  void countsRunsByJobAndOutcome(TestWorkflowEnvironment env) throws Exception {
    ScriptedJobCalls endpoint = new ScriptedJobCalls();
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(JobWorkflowImpl.class);
    worker.registerActivitiesImplementations(endpoint, new RecordingChat());
    env.start();
    JobSpec spec = JobSpecs.paymentVerification(1, 0, 0);
    JobWorkflow job = JobSpecs.start(env.getWorkflowClient(), spec);

    job.due(JobTrigger.scheduled(Instant.ofEpochMilli(env.currentTimeMillis())));
    env.sleep(Duration.ofMinutes(1));
    endpoint.alwaysFail = true;
    job.due(JobTrigger.scheduled(Instant.ofEpochMilli(env.currentTimeMillis())));
    env.sleep(Duration.ofMinutes(1));
    job.pause(new JobCommand("alice", null));
    job.due(JobTrigger.scheduled(Instant.ofEpochMilli(env.currentTimeMillis())));
    env.sleep(Duration.ofMinutes(1));
    scope.close();

    assertThat(reported.counters)
        .containsEntry(JobMetrics.RUNS + "payment-verification" + "succeeded", 1L)
        .containsEntry(JobMetrics.RUNS + "payment-verification" + "failed", 1L)
        .containsEntry(JobMetrics.RUNS + "payment-verification" + "skipped", 1L);
  }
}
