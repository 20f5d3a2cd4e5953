package dev.firebreak.starter.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.job.JobActivities;
import dev.firebreak.workflows.job.JobDue;
import dev.firebreak.workflows.job.JobOutcome;
import dev.firebreak.workflows.job.JobSpecs;
import dev.firebreak.workflows.job.JobTrigger;
import dev.firebreak.workflows.job.JobWorkflow;
import dev.firebreak.workflows.job.JobWorkflowImpl;
import dev.firebreak.workflows.job.ScriptedJobCalls;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A group's firing tells every job of the group, however many, and names those that are gone. */
class DueSignalsTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final ScriptedJobCalls endpoint = new ScriptedJobCalls();

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(JobWorkflowImpl.class);
    worker.registerActivitiesImplementations((JobActivities) endpoint);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  private JobWorkflow start(String name) {
    return JobSpecs.start(client, JobSpecs.dryRun(name, "0 2 * * *", "UTC"));
  }

  @ParameterizedTest(name = "{0} job(s), every third one gone")
  @ValueSource(
      ints = {
        1,
        DueSignals.SIGNALS_AT_ONCE,
        DueSignals.SIGNALS_AT_ONCE + 1,
        2 * DueSignals.SIGNALS_AT_ONCE + 7
      })
  void everyRunningJobOfTheGroupIsToldOnceAndTheGoneOnesAreNamedInOrder(int size) {
    List<String> names = IntStream.range(0, size).mapToObj(i -> "job-" + i).toList();
    List<JobWorkflow> running = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (i % 3 == 2) {
        gone.add(names.get(i));
      } else {
        running.add(start(names.get(i)));
      }
    }

    List<String> answered =
        new DueSignals(client)
            .tellDue(
                new JobDue(
                    "firing-1",
                    names,
                    JobTrigger.scheduled(Instant.ofEpochMilli(env.currentTimeMillis()))));
    env.sleep(Duration.ofMinutes(1));

    assertThat(answered).containsExactlyElementsOf(gone);
    assertThat(running)
        .allSatisfy(
            job ->
                assertThat(job.view().history())
                    .extracting(run -> run.trigger().kind() + " " + run.outcome())
                    .containsExactly(JobTrigger.SCHEDULED + " " + JobOutcome.SUCCEEDED));
  }
}
