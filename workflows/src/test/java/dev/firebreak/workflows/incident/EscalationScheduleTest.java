package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.maintenance.RecordingNotices;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.oncall.OnCallPaging;
import dev.firebreak.workflows.oncall.OnCallPerson;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A level whose target is {@code schedule:primary} pages whoever the schedule has on call at that
 * moment, on a {@link PinnedIncidentServer} at 03:00 on a Saturday.
 */
class EscalationScheduleTest {

  private static final Instant SATURDAY_0300 = Instant.parse("2026-12-05T03:00:00Z");

  private final RecordingChat chat = new RecordingChat();
  private final RecordingPager pager = new RecordingPager();
  private final ScriptedOnCall oncall = new ScriptedOnCall();

  @RegisterExtension
  final TestWorkflowExtension workflows =
      PinnedIncidentServer.at(
          SATURDAY_0300,
          chat,
          pager,
          new ScriptedDiagnostics(),
          new RecordingNotices(),
          oncall,
          new OnCallPaging(oncall, pager));

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  private IncidentWorkflow declare(String id) {
    return declare(id, IncidentPolicies.recoupWithSchedule());
  }

  private IncidentWorkflow declare(String id, IncidentPolicy policy) {
    IncidentWorkflow incident =
        client.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId(id))
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(
        incident::run,
        IncidentInput.declared(IncidentPolicies.declaration(id, Severity.P1), policy));
    return incident;
  }

  /** Sleeps until {@code minutes} after the declaration and returns what was paged by then. */
  private List<String> pagedBy(long minutes) {
    PinnedIncidentServer.sleepUntil(env, SATURDAY_0300.plus(Duration.ofMinutes(minutes)));
    return pager.escalations();
  }

  private static List<String> timeline(IncidentWorkflow incident, String kind) {
    return PinnedIncidentServer.timeline(incident, kind).stream().map(TimelineEntry::text).toList();
  }

  @Test
  void aScheduleTargetIsPagedAsThePersonOnCallAndTheTimelineSaysWhoItWas() {
    oncall.onCall.put("primary", ScriptedOnCall.ALICE);
    IncidentWorkflow incident = declare("INC-SCHEDULE");

    assertThat(pagedBy(1)).containsExactly("r1-l1");

    assertThat(pager.pages.get(0).targets()).containsExactly("slack:U0ALICE");
    assertThat(timeline(incident, "oncall-resolved"))
        .containsExactly("Level 1 (Primary): schedule primary → Alice (U0ALICE), layer weekly");
    assertThat(oncall.asked).containsExactly("primary");
  }

  /**
   * The change is asked in the constructor, beside the baseline, and only by a chain that can page
   * a schedule: other incidents keep their single marker.
   */
  @Test
  void onlyAChainWithAScheduleTargetWritesTheOnCallPagingMarker() {
    oncall.onCall.put("primary", ScriptedOnCall.ALICE);
    declare("INC-MARKERS-SCHEDULE");
    declare("INC-MARKERS-PLAIN", IncidentPolicies.recoup());

    pagedBy(1);

    assertThat(versionMarkers("INC-MARKERS-SCHEDULE"))
        .containsExactly(IncidentVersions.BASELINE, IncidentVersions.ONCALL_PAGING);
    assertThat(versionMarkers("INC-MARKERS-PLAIN")).containsExactly(IncidentVersions.BASELINE);
  }

  private List<String> versionMarkers(String id) {
    return client.fetchHistory(IncidentWorkflow.workflowId(id)).getEvents().stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .map(HistoryEvent::getMarkerRecordedEventAttributes)
        .filter(marker -> marker.getMarkerName().equals("Version"))
        .map(
            marker ->
                DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                    0,
                    Optional.of(marker.getDetailsOrThrow("changeId")),
                    String.class,
                    String.class))
        .toList();
  }

  static Stream<Arguments> addresses() {
    return Stream.of(
        Arguments.of(
            new OnCallPerson("Dee", "U0DEE", "+15550102", "dee@example.com"), "slack:U0DEE"),
        Arguments.of(
            new OnCallPerson("Dee", null, "+15550102", "dee@example.com"), "sms:+15550102"),
        Arguments.of(
            new OnCallPerson("Dee", " ", null, "dee@example.com"), "email:dee@example.com"));
  }

  @ParameterizedTest(name = "{0} is paged at {1}")
  @MethodSource("addresses")
  void thePersonOnCallIsPagedAtTheirSlackIdElseTheirPhoneElseTheirEmail(
      OnCallPerson person, String address) {
    oncall.onCall.put("primary", person);
    declare("INC-ADDRESS");

    pagedBy(1);

    assertThat(pager.pages).extracting(PageRequest::targets).containsExactly(List.of(address));
  }

  static Stream<Arguments> nobody() {
    return Stream.of(
        Arguments.of(null, "schedule primary has nobody on call; unreachable"),
        Arguments.of(
            new OnCallPerson("Dee", null, null, null),
            "schedule primary puts Dee on call, who has no Slack id, phone or email; unreachable"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("nobody")
  void aScheduleThatReachesNobodyIsRecordedAsUnreachableAndTheNextLevelIsPagedAtOnce(
      OnCallPerson person, String why) {
    if (person != null) {
      oncall.onCall.put("primary", person);
    }
    IncidentWorkflow incident = declare("INC-GAP");

    assertThat(pagedBy(1)).containsExactly("r1-l2");

    assertThat(timeline(incident, "unreachable")).containsExactly("Level 1 (Primary): " + why);
    assertThat(pager.pages.get(0).targets()).containsExactly("slack:U0LEAD");
    assertThat(pager.pages.get(0).reason()).isEqualTo("level 1 (Primary) reached nobody");
  }

  @Test
  void
      aScheduleThatCannotBeAskedIsTriedThreeTimesThenRecordedAsUnreachableAndTheNextLevelIsPaged() {
    oncall.down = true;
    IncidentWorkflow incident = declare("INC-DOWN");

    assertThat(pagedBy(1)).containsExactly("r1-l2");

    assertThat(oncall.asked).containsExactly("primary", "primary", "primary");
    assertThat(timeline(incident, "unreachable"))
        .containsExactly(
            "Level 1 (Primary): could not ask schedule primary who is on call (schedule service "
                + "unavailable); unreachable");
    assertThat(pager.pages)
        .extracting(PageRequest::targets)
        .containsExactly(List.of("slack:U0LEAD"));
  }

  @Test
  void aRoundWhoseLastLevelReachesNobodyWaitsTheAckTimeoutBeforeTheNextRoundAsksAgain() {
    IncidentPolicy scheduleOnly =
        IncidentPolicies.withEscalation(
            IncidentPolicies.recoup(),
            List.of(new EscalationLevel("Primary", List.of("schedule:primary"))));
    IncidentWorkflow incident = declare("INC-GAP-ROUNDS", scheduleOnly);

    pagedBy(14);
    assertThat(timeline(incident, "unreachable")).hasSize(1);
    assertThat(timeline(incident, "escalation-exhausted")).isEmpty();

    // The gap has ended by the second round (15 minutes later, P1's ack timeout).
    oncall.onCall.put("primary", ScriptedOnCall.ALICE);
    assertThat(pagedBy(16)).containsExactly("r2-l1");
    assertThat(pager.pages.get(0).targets()).containsExactly("slack:U0ALICE");
    assertThat(oncall.asked).containsExactly("primary", "primary");
  }

  @Test
  void aWorkerLostWhileResolvingTheSchedulePagesExactlyOnePersonAndReplaysWithItsAnswer()
      throws Exception {
    oncall.onCall.put("primary", ScriptedOnCall.ALICE);
    oncall.handOverWhileFailing = ScriptedOnCall.BOB;
    declare("INC-RESTART");

    pagedBy(1);
    // The schedule hands over again after the page: the replays of every later task must not ask.
    oncall.onCall.put("primary", ScriptedOnCall.ALICE);
    pagedBy(16);

    assertThat(pager.pages)
        .filteredOn(page -> page.key().endsWith("/page-r1-l1"))
        .singleElement()
        .satisfies(
            page -> {
              assertThat(page.targets()).containsExactly("slack:U0BOB");
              // Decided before the incident message was posted, sent after: it must not take that
              // message's thread (in the incident's room) into the configured channel.
              assertThat(page.channel()).isEqualTo("#incidents");
              assertThat(page.threadTs()).isNull();
            });
    assertThat(oncall.asked).containsExactly("primary", "primary");
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(IncidentWorkflow.workflowId("INC-RESTART")),
        IncidentWorkflowImpl.class);
  }
}
