package dev.firebreak.workflows.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a heartbeat whose job pings on time costs on Temporal, read from its history on the
 * time-skipping server: the steady-state price that {@code HeartbeatBenchmark} measures on the real
 * server (1,440 signals and 1,440 timers a day at a one-minute period), and the figure the view's
 * {@code actionsPerDay} reports.
 */
class HeartbeatCostTest {

  private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
  private static final int PINGS = 30;

  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).setInitialTime(START).build();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env) {
    this.env = env;
    HeartbeatSpecs.startWorker(env);
    client = env.getWorkflowClient();
  }

  @ParameterizedTest(name = "period {0} min: one signal and one timer per ping")
  @ValueSource(ints = {1, 5, 15, 60})
  void aPingOnTimeCostsOneSignalAndOneTimerAndTheViewCountsExactlyThose(int minutes) {
    Duration period = Duration.ofMinutes(minutes);
    HeartbeatSpec spec =
        HeartbeatSpecs.every("cost-" + minutes, period, Duration.ofMinutes(1), null);
    HeartbeatWorkflow heartbeat = HeartbeatSpecs.start(client, spec);
    for (int i = 0; i < PINGS; i++) {
      heartbeat.ping(HeartbeatSpecs.success(env));
      // A cron job's next run comes a second before it is due.
      env.sleep(period.minusSeconds(1));
    }

    HeartbeatView view = heartbeat.view();
    List<HistoryEvent> events =
        client.fetchHistory(HeartbeatWorkflow.workflowId(spec.name())).getEvents();
    long signals = count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
    long timers = count(events, EventType.EVENT_TYPE_TIMER_STARTED);
    assertThat(view.state()).isEqualTo(HeartbeatState.UP);
    assertThat(signals).isEqualTo(PINGS);
    assertThat(timers).as("one deadline timer per ping, none for lateness").isEqualTo(PINGS);
    assertThat(count(events, EventType.EVENT_TYPE_TIMER_FIRED)).isZero();
    // The start and the first ping's state change are the only other events that are billed.
    assertThat(events.size())
        .as("signal, workflow task (3), cancelled and started timer per ping")
        .isLessThanOrEqualTo(6 * PINGS + 6);
    // A query reads the time of the workflow's last task: the last ping's.
    Duration tracked = period.minusSeconds(1).multipliedBy(PINGS - 1L);
    double days = Math.max(1.0, tracked.toSeconds() / 86_400.0);
    assertThat(view.actionsPerDay()).isCloseTo((signals + timers) / days, within(0.01));
  }

  private static long count(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).count();
  }
}
