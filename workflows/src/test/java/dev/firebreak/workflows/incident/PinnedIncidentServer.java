package dev.firebreak.workflows.incident;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Workflow tests of what depends on the date (who is on call, business hours): a time-skipping
 * server pinned at a start instant, whose worker keeps no workflow in its cache, so every workflow
 * task replays the history so far, as after a worker restart.
 */
final class PinnedIncidentServer {

  private PinnedIncidentServer() {}

  static TestWorkflowExtension at(Instant start, Object... activities) {
    return TestWorkflowExtension.newBuilder()
        .registerWorkflowImplementationTypes(IncidentWorkflowImpl.class)
        .setActivityImplementations(activities)
        .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build())
        .setInitialTime(start)
        .build();
  }

  /** Skips the server's clock to {@code at}; nothing when it is already there or past. */
  static void sleepUntil(TestWorkflowEnvironment env, Instant at) {
    Duration wait = Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), at);
    if (!wait.isNegative() && !wait.isZero()) {
      env.sleep(wait);
    }
  }

  static List<TimelineEntry> timeline(IncidentWorkflow incident, String kind) {
    return incident.state().timeline().stream().filter(e -> e.kind().equals(kind)).toList();
  }
}
