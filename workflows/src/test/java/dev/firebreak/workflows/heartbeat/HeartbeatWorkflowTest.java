package dev.firebreak.workflows.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.TimelineEntry;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every state change of a heartbeat on the time-skipping test server, from a pinned start. */
class HeartbeatWorkflowTest {

  static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final RecordingChat chat = new RecordingChat();
  private final RecordingNotices notices = new RecordingNotices();

  /**
   * The worker listens on {@link TaskQueue#NAME}: a heartbeat declares its incident as a child on
   * that queue.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).setInitialTime(START).build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env) {
    this.env = env;
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(
        HeartbeatWorkflowImpl.class, IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        chat, new RecordingPager(), new ScriptedDiagnostics(), notices);
    env.start();
    client = env.getWorkflowClient();
  }

  private HeartbeatWorkflow start(HeartbeatSpec spec) {
    return HeartbeatSpecs.start(client, spec);
  }

  private HeartbeatPing ping(PingKind kind) {
    return ping(kind, null, null, null);
  }

  private HeartbeatPing ping(PingKind kind, Integer exitStatus, String runId, String body) {
    return new HeartbeatPing(
        kind, exitStatus, runId, Instant.ofEpochMilli(env.currentTimeMillis()), body, "ping", 0);
  }

  private IncidentView incident(String id) {
    return client.newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId(id)).state();
  }

  private void sleep(Duration duration) {
    env.sleep(duration);
  }

  @Test
  void aHeartbeatNeverPingedStaysNewAndDeclaresNothing() {
    HeartbeatWorkflow heartbeat = start(HeartbeatSpecs.webhookRetry());

    sleep(Duration.ofDays(2));

    HeartbeatView view = heartbeat.view();
    assertThat(view.state()).isEqualTo(HeartbeatState.NEW);
    assertThat(view.incidentId()).isNull();
    assertThat(view.expectedAt()).isNull();
  }

  @Test
  void
      aHeartbeatDownDuringMaintenanceIsRecordedOnTheWindowAndDeclaredOnlyIfStillDownWhenTheSilenceEnds() {
    notices.silencedUntil = START.plus(Duration.ofHours(1));
    HeartbeatWorkflow heartbeat = start(HeartbeatSpecs.webhookRetry());
    heartbeat.ping(ping(PingKind.SUCCESS));

    sleep(Duration.ofMinutes(21));
    assertThat(heartbeat.view().state()).isEqualTo(HeartbeatState.DOWN);
    assertThat(heartbeat.view().incidentId()).as("silenced by the window").isNull();
    assertThat(notices.silenced)
        .singleElement()
        .satisfies(
            outage -> {
              assertThat(outage.declaredBySender()).isTrue();
              assertThat(outage.service()).isEqualTo("recoup-backend");
              assertThat(outage.alert().title())
                  .isEqualTo("Heartbeat webhook-retry is down: no ping");
            });

    sleep(Duration.ofMinutes(40));
    assertThat(heartbeat.view().incidentId())
        .as("still down when the silence ended")
        .isEqualTo("INC-20260302-hb-webhook-retry-1");
    assertThat(incident(heartbeat.view().incidentId()).declaredAt())
        .isCloseTo(START.plus(Duration.ofHours(1)), within(2, ChronoUnit.SECONDS));
    assertThat(notices.silenced).hasSize(1);
  }

  @Test
  void aHeartbeatThatPingsAgainBeforeTheSilenceEndsDeclaresNothing() {
    notices.silencedUntil = START.plus(Duration.ofHours(1));
    HeartbeatWorkflow heartbeat = start(HeartbeatSpecs.webhookRetry());
    heartbeat.ping(ping(PingKind.SUCCESS));
    sleep(Duration.ofMinutes(25));
    heartbeat.ping(ping(PingKind.FAIL, 1, null, "exit 1"));
    sleep(Duration.ofMinutes(1));
    assertThat(heartbeat.view().incidentId()).as("a failure is silenced too").isNull();

    for (int i = 0; i < 3; i++) {
      heartbeat.ping(ping(PingKind.SUCCESS));
      sleep(Duration.ofMinutes(13));
    }

    assertThat(START.plus(Duration.ofHours(1)))
        .as("the silence is over")
        .isBefore(Instant.ofEpochMilli(env.currentTimeMillis()));
    assertThat(heartbeat.view().state()).isEqualTo(HeartbeatState.UP);
    assertThat(heartbeat.view().incidentId()).isNull();
  }

  @Test
  void aPingIsUpThenLateAfterThePeriodThenDownAfterGraceWithOneIncidentByTheSeverityPolicy() {
    HeartbeatWorkflow heartbeat = start(HeartbeatSpecs.webhookRetry());
    heartbeat.ping(ping(PingKind.SUCCESS));
    sleep(Duration.ofSeconds(1));
    assertThat(heartbeat.view().state()).isEqualTo(HeartbeatState.UP);
    assertThat(heartbeat.view().expectedAt())
        .isCloseTo(START.plus(Duration.ofMinutes(15)), within(1, ChronoUnit.SECONDS));

    sleep(Duration.ofMinutes(15));
    assertThat(heartbeat.view().state()).isEqualTo(HeartbeatState.LATE);
    assertThat(heartbeat.view().incidentId()).isNull();

    sleep(Duration.ofMinutes(5));
    HeartbeatView down = heartbeat.view();
    assertThat(down.state()).isEqualTo(HeartbeatState.DOWN);
    assertThat(down.incidentId()).isEqualTo("INC-20260302-hb-webhook-retry-1");
    IncidentView incident = incident(down.incidentId());
    assertThat(incident.severity()).isEqualTo(Severity.P2);
    assertThat(incident.service()).isEqualTo("recoup-backend");
    assertThat(incident.status()).isEqualTo(IncidentStatus.DECLARED);
    assertThat(incident.title()).isEqualTo("Heartbeat webhook-retry is down: no ping");
    assertThat(incident.declaredAt())
        .isCloseTo(START.plus(Duration.ofMinutes(20)), within(2, ChronoUnit.SECONDS));

    sleep(Duration.ofHours(6));
    assertThat(heartbeat.view().incidentId())
        .as("one incident per outage")
        .isEqualTo(down.incidentId());
  }

  @Test
  void theNextGoodPingResolvesTheIncidentWithANoteAndTheHeartbeatIsUpAgain() {
    HeartbeatWorkflow heartbeat = start(HeartbeatSpecs.webhookRetry());
    heartbeat.ping(ping(PingKind.SUCCESS));
    sleep(Duration.ofMinutes(21));
    String id = heartbeat.view().incidentId();
    assertThat(id).isNotNull();

    heartbeat.ping(ping(PingKind.SUCCESS));
    sleep(Duration.ofMinutes(1));

    HeartbeatView up = heartbeat.view();
    assertThat(up.state()).isEqualTo(HeartbeatState.UP);
    assertThat(up.incidentId()).isNull();
    IncidentView incident = incident(id);
    assertThat(incident.status().isOpen()).as("resolved: %s", incident.status()).isFalse();
    assertThat(incident.timeline())
        .extracting(TimelineEntry::text)
        .anySatisfy(text -> assertThat(text).startsWith("Heartbeat webhook-retry pinged again at"));

    sleep(Duration.ofMinutes(21));
    assertThat(heartbeat.view().incidentId())
        .as("the next outage is a new incident")
        .isEqualTo("INC-20260302-hb-webhook-retry-2");
  }

  @Test
  void aStartWithoutItsFinishWithinMaxRunTimeIsLateThenDown() {
    HeartbeatWorkflow heartbeat =
        start(
            HeartbeatSpecs.every(
                "payment-verification",
                Duration.ofDays(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(10)));
    heartbeat.ping(ping(PingKind.SUCCESS));
    sleep(Duration.ofMinutes(1));
    heartbeat.ping(ping(PingKind.START, null, "run-1", null));
    sleep(Duration.ofSeconds(1));
    assertThat(heartbeat.view().running()).isTrue();
    assertThat(heartbeat.view().state()).isEqualTo(HeartbeatState.UP);

    sleep(Duration.ofMinutes(10));
    assertThat(heartbeat.view().state()).isEqualTo(HeartbeatState.LATE);
    sleep(Duration.ofMinutes(5));

    HeartbeatView down = heartbeat.view();
    assertThat(down.state()).isEqualTo(HeartbeatState.DOWN);
    assertThat(incident(down.incidentId()).title())
        .isEqualTo("Heartbeat payment-verification: a run started and did not finish");
  }

  @Test
  void aFinishWithTheRunsRidMeasuresTheRunAndAnotherRidLeavesItOpen() {
    HeartbeatWorkflow heartbeat =
        start(
            HeartbeatSpecs.every(
                "payment-verification",
                Duration.ofDays(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(30)));
    heartbeat.ping(ping(PingKind.START, null, "run-1", null));
    sleep(Duration.ofMinutes(3));
    heartbeat.ping(ping(PingKind.SUCCESS, null, "run-2", null));
    sleep(Duration.ofSeconds(1));
    assertThat(heartbeat.view().running()).isTrue();

    heartbeat.ping(ping(PingKind.SUCCESS, null, "run-1", null));
    sleep(Duration.ofSeconds(1));

    HeartbeatView view = heartbeat.view();
    assertThat(view.running()).isFalse();
    assertThat(view.lastDuration())
        .isBetween(Duration.ofMinutes(3), Duration.ofMinutes(3).plusSeconds(2));
    assertThat(view.state()).isEqualTo(HeartbeatState.UP);
  }

  @ParameterizedTest(name = "{0} with exit status {1} declares at once")
  @CsvSource(
      value = {"FAIL, NULL", "FAIL, 1", "FAIL, 255"},
      nullValues = "NULL")
  void aFailureDeclaresAtOnceQuotingTheLastLinesOfTheBody(PingKind kind, Integer exitStatus) {
    HeartbeatWorkflow heartbeat = start(HeartbeatSpecs.webhookRetry());
    heartbeat.ping(ping(PingKind.SUCCESS));
    sleep(Duration.ofMinutes(1));
    String body =
        IntStream.rangeClosed(1, 30)
            .mapToObj(i -> "line " + i + (i == 30 ? ": Stripe answered <500> & gave up" : ""))
            .collect(Collectors.joining("\n"));

    heartbeat.ping(ping(kind, exitStatus, null, body));
    sleep(Duration.ofSeconds(2));

    HeartbeatView down = heartbeat.view();
    assertThat(down.state()).isEqualTo(HeartbeatState.DOWN);
    IncidentView incident = incident(down.incidentId());
    assertThat(incident.title()).isEqualTo("Heartbeat webhook-retry reported a failure");
    String declared =
        incident.timeline().stream()
            .map(TimelineEntry::text)
            .filter(text -> text.contains("Last lines of its output"))
            .findFirst()
            .orElseThrow();
    assertThat(declared)
        .contains("line 11\n")
        .doesNotContain("line 10\n")
        .contains("line 30: Stripe answered <500> & gave up");
    if (exitStatus != null) {
      assertThat(declared).contains("(exit status " + exitStatus + ")");
    }

    heartbeat.ping(ping(PingKind.SUCCESS));
    sleep(Duration.ofSeconds(2));
    assertThat(heartbeat.view().state()).isEqualTo(HeartbeatState.UP);
    assertThat(incident(down.incidentId()).status().isOpen()).isFalse();
  }

  @Test
  void aPausedHeartbeatNeitherGoesLateNorDeclaresAndResumingExpectsAPingAPeriodLater() {
    HeartbeatWorkflow heartbeat = start(HeartbeatSpecs.webhookRetry());
    heartbeat.ping(ping(PingKind.SUCCESS));
    sleep(Duration.ofMinutes(1));

    HeartbeatView paused = heartbeat.pause(new HeartbeatCommand("alice", "migration"));
    assertThat(paused.state()).isEqualTo(HeartbeatState.PAUSED);
    assertThat(paused.pausedBy()).isEqualTo("alice");
    heartbeat.ping(ping(PingKind.FAIL));
    sleep(Duration.ofHours(3));
    assertThat(heartbeat.view().state()).isEqualTo(HeartbeatState.PAUSED);
    assertThat(heartbeat.view().incidentId()).isNull();
    assertThat(heartbeat.view().recent()).as("pings are still recorded").hasSize(2);

    HeartbeatView resumed = heartbeat.resume(new HeartbeatCommand("alice", null));
    assertThat(resumed.state()).isEqualTo(HeartbeatState.UP);
    Instant resumedAt = Instant.ofEpochMilli(env.currentTimeMillis());
    assertThat(resumed.expectedAt())
        .isCloseTo(resumedAt.plus(Duration.ofMinutes(15)), within(1, ChronoUnit.SECONDS));
    sleep(Duration.ofMinutes(21));
    assertThat(heartbeat.view().state()).isEqualTo(HeartbeatState.DOWN);
  }

  @Test
  void pausingTwiceOrWithoutSayingWhoIsRefused() {
    HeartbeatWorkflow heartbeat = start(HeartbeatSpecs.webhookRetry());
    heartbeat.pause(new HeartbeatCommand("alice", null));

    assertThatThrownBy(() -> heartbeat.pause(new HeartbeatCommand("bob", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("already paused (by alice)");
    assertThatThrownBy(() -> heartbeat.resume(new HeartbeatCommand(" ", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("'by' is required");
  }

  @Test
  void aLongLivedHeartbeatContinuesAsNewBeforeItsHistoryGrowsAndRemembersEverything() {
    HeartbeatWorkflow heartbeat = start(HeartbeatSpecs.webhookRetry());
    String firstRun = WorkflowStub.fromTyped(heartbeat).getExecution().getRunId();
    int pings = HeartbeatWorkflowImpl.HISTORY_EVENT_LIMIT / 4;
    for (int i = 0; i < pings; i++) {
      heartbeat.ping(ping(PingKind.SUCCESS));
      sleep(Duration.ofMinutes(1));
    }

    HeartbeatView view = heartbeat.view();
    String currentRun =
        client
            .newUntypedWorkflowStub(HeartbeatWorkflow.workflowId("webhook-retry"))
            .describe()
            .getExecution()
            .getRunId();
    assertThat(currentRun).as("continued as new").isNotEqualTo(firstRun);
    assertThat(view.signals()).isEqualTo(pings);
    assertThat(view.state()).isEqualTo(HeartbeatState.UP);
    assertThat(view.recent()).hasSize(HeartbeatWorkflowImpl.RECENT_PINGS);
  }

  @Test
  void coalescedPingsAreCountedAndActionsPerDayAreReported() {
    HeartbeatWorkflow heartbeat = start(HeartbeatSpecs.webhookRetry());
    for (int i = 0; i < 4; i++) {
      heartbeat.ping(
          new HeartbeatPing(
              PingKind.SUCCESS,
              null,
              null,
              Instant.ofEpochMilli(env.currentTimeMillis()),
              null,
              "ping",
              14));
      sleep(Duration.ofMinutes(15).minusSeconds(1));
    }
    sleep(Duration.ofDays(1));

    HeartbeatView view = heartbeat.view();
    assertThat(view.signals()).isEqualTo(4);
    assertThat(view.pings()).isEqualTo(60);
    assertThat(view.actionsPerDay()).isGreaterThan(4.0).isLessThan(20.0);
  }
}
