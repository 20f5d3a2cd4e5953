package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.StatsReporter;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class IncidentMetricsTest {

  /** Keeps what the workflow reported, keyed by name and tags, as Prometheus would see it. */
  private static final class ReportedMetrics implements StatsReporter {
    final Map<String, Long> counters = new ConcurrentHashMap<>();
    final Map<String, List<Duration>> timers = new ConcurrentHashMap<>();

    @Override
    public void reportCounter(String name, Map<String, String> tags, long value) {
      counters.merge(name + tags.getOrDefault("severity", "") + tags.getOrDefault("cause", ""), value, Long::sum);
    }

    @Override
    public void reportTimer(String name, Map<String, String> tags, com.uber.m3.util.Duration interval) {
      timers.merge(name + tags.getOrDefault("severity", ""), List.of(Duration.ofNanos(interval.getNanos())),
          (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
    }

    @Override
    public void reportGauge(String name, Map<String, String> tags, double value) {}

    @Override
    public void reportHistogramValueSamples(
        String name, Map<String, String> tags, Buckets buckets, double lower, double upper, long samples) {}

    @Override
    public void reportHistogramDurationSamples(String name, Map<String, String> tags, Buckets buckets,
        com.uber.m3.util.Duration lower, com.uber.m3.util.Duration upper, long samples) {}

    @Override
    public Capabilities capabilities() {
      return CapableOf.REPORTING;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void reportsTimeToAcknowledgeAndResolveEscalationsAndMissedUpdates() throws Exception {
    ReportedMetrics reported = new ReportedMetrics();
    Scope scope = new RootScopeBuilder().reporter(reported).reportEvery(com.uber.m3.util.Duration.ofMillis(10));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setMetricsScope(scope).build())) {
      Worker worker = env.newWorker(IncidentWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
      worker.registerActivitiesImplementations(new RecordingChat(), new RecordingPager(), new ScriptedDiagnostics());
      env.start();
      IncidentWorkflow incident = env.getWorkflowClient().newWorkflowStub(IncidentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(IncidentWorkflow.workflowId("INC-M"))
              .setTaskQueue(IncidentWorkflow.TASK_QUEUE).build());
      WorkflowClient.start(incident::run,
          IncidentState.declared(IncidentPolicies.declaration("INC-M", Severity.P1), IncidentPolicies.recoup()));

      env.sleep(Duration.ofMinutes(16)); // no ack in 15 min: the secondary is paged
      incident.acknowledge(new Acknowledgement("bob"));
      env.sleep(Duration.ofMinutes(31)); // no update at 15, 30 and 45 minutes after the declaration
      incident.postUpdate(new ResponderUpdate("bob", "Stripe webhook secret rotated", null, null));
      incident.resolve(new Resolution("bob", "fixed", null));
    }
    scope.close();

    assertThat(reported.timers.get(IncidentMetrics.TIME_TO_ACKNOWLEDGE + "P1"))
        .singleElement().satisfies(tta -> assertThat(tta).isBetween(Duration.ofMinutes(16), Duration.ofMinutes(17)));
    assertThat(reported.timers.get(IncidentMetrics.TIME_TO_RESOLVE + "P1"))
        .singleElement().satisfies(ttr -> assertThat(ttr).isBetween(Duration.ofMinutes(47), Duration.ofMinutes(48)));
    assertThat(reported.counters).containsEntry(IncidentMetrics.ESCALATIONS + "P1" + "no-ack", 1L);
    assertThat(reported.counters).containsEntry(IncidentMetrics.ESCALATIONS + "P1" + "missed-update", 1L);
    assertThat(reported.counters).containsEntry(IncidentMetrics.UPDATES_MISSED + "P1", 3L);
  }
}
