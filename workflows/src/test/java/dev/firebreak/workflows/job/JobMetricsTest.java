package dev.firebreak.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.firebreak.workflows.common.ReportedMetrics;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobMetricsTest {

  @Test
  void countsRunsByJobAndOutcome() throws Exception {
    ReportedMetrics reported = new ReportedMetrics("job", "outcome");
    Scope scope =
        new RootScopeBuilder()
            .reporter(reported)
            .reportEvery(com.uber.m3.util.Duration.ofMillis(10));
    ScriptedJobCalls endpoint = new ScriptedJobCalls();
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setMetricsScope(scope).build())) {
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
    }
    scope.close();

    assertThat(reported.counters)
        .containsEntry(JobMetrics.RUNS + "payment-verification" + "succeeded", 1L)
        .containsEntry(JobMetrics.RUNS + "payment-verification" + "failed", 1L)
        .containsEntry(JobMetrics.RUNS + "payment-verification" + "skipped", 1L);
  }
}
