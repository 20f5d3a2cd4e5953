package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.maintenance.RecordingNotices;
import dev.firebreak.workflows.notify.PageRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A P3 pages only in business hours (Monday to Friday, 09:00 to 17:00 in London), on a
 * time-skipping server pinned at 03:00 on Saturday 5 December 2026; declarations later in the month
 * skip the clock forward first. The worker keeps no workflow in its cache, so every task replays
 * the history so far.
 */
class BusinessHoursDeferralTest {

  private static final Instant SATURDAY_0300 = Instant.parse("2026-12-05T03:00:00Z");

  private final RecordingChat chat = new RecordingChat();
  private final RecordingPager pager = new RecordingPager();

  @RegisterExtension
  final TestWorkflowExtension workflows =
      PinnedIncidentServer.at(
          SATURDAY_0300,
          chat,
          pager,
          new ScriptedDiagnostics(),
          new RecordingNotices(),
          new ScriptedOnCall());

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  /** Skips the clock to {@code at}, then declares. */
  private IncidentWorkflow declareAt(Instant at, Severity severity, String holidays) {
    sleepUntil(at);
    IncidentWorkflow incident =
        client.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId("INC-" + severity))
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(
        incident::run,
        IncidentInput.declared(
            IncidentPolicies.declaration("INC-" + severity, severity),
            IncidentPolicies.recoupWithBusinessHours(dates(holidays))));
    return incident;
  }

  private static Set<LocalDate> dates(String holidays) {
    return holidays == null || holidays.isBlank()
        ? Set.of()
        : Arrays.stream(holidays.split(" ")).map(LocalDate::parse).collect(Collectors.toSet());
  }

  private void sleepUntil(Instant at) {
    PinnedIncidentServer.sleepUntil(env, at);
  }

  private static List<TimelineEntry> timeline(IncidentWorkflow incident, String kind) {
    return PinnedIncidentServer.timeline(incident, kind);
  }

  @ParameterizedTest(name = "a P3 declared {0} (holidays: {1}) pages at {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-12-05T03:00:00Z |                       | 2026-12-07T09:00:00Z | Mon 7 Dec 09:00",
        "2026-12-05T03:00:00Z | 2026-12-07            | 2026-12-08T09:00:00Z | Tue 8 Dec 09:00",
        "2026-12-25T10:00:00Z | 2026-12-25 2026-12-28 | 2026-12-29T09:00:00Z | Tue 29 Dec 09:00",
        "2026-12-07T17:30:00Z |                       | 2026-12-08T09:00:00Z | Tue 8 Dec 09:00",
        "2026-12-11T23:00:00Z | 2026-12-14            | 2026-12-15T09:00:00Z | Tue 15 Dec 09:00",
      })
  void outsideBusinessHoursTheChannelIsToldAtOnceAndTheFirstPageWaitsForTheNextBusinessInstant(
      Instant declared, String holidays, Instant pagesAt, String shown) {
    IncidentWorkflow incident = declareAt(declared, Severity.P3, holidays);
    String notice = "Paging deferred to " + shown + " (Europe/London): P3 outside business hours";

    sleepUntil(pagesAt.minus(Duration.ofMinutes(1)));
    assertThat(pager.pages).isEmpty();
    assertThat(timeline(incident, "paging-deferred"))
        .singleElement()
        .satisfies(
            entry -> {
              // Told at once: the test server's clock moves a few milliseconds past the
              // declaration.
              assertThat(entry.at()).isBetween(declared, declared.plusSeconds(1));
              assertThat(entry.text()).isEqualTo(notice);
            });
    assertThat(chat.posts).anySatisfy(post -> assertThat(post.text()).startsWith("🌙 " + notice));

    sleepUntil(pagesAt.plus(Duration.ofMinutes(1)));
    assertThat(pager.escalations()).containsExactly("r1-l1");
    assertThat(pager.pages.get(0).reason())
        .isEqualTo("business hours began (P3 pages only in business hours)");
    assertThat(timeline(incident, "paged"))
        .singleElement()
        .extracting(TimelineEntry::at)
        .satisfies(at -> assertThat(at).isBetween(pagesAt, pagesAt.plusSeconds(1)));
  }

  @ParameterizedTest(name = "a {1} declared {0} pages at once")
  @CsvSource({"2026-12-07T10:00:00Z, P3", "2026-12-05T03:00:00Z, P1", "2026-12-05T03:00:00Z, P2"})
  void insideBusinessHoursOrAtASeverityWithoutThemTheFirstPageGoesOutAtOnce(
      Instant declared, Severity severity) {
    IncidentWorkflow incident = declareAt(declared, severity, null);

    sleepUntil(declared.plus(Duration.ofMinutes(1)));

    assertThat(pager.escalations()).containsExactly("r1-l1");
    assertThat(timeline(incident, "paging-deferred")).isEmpty();
  }

  @Test
  void anAcknowledgementBeforeBusinessHoursCancelsTheDeferredPage() {
    IncidentWorkflow incident = declareAt(SATURDAY_0300, Severity.P3, null);
    sleepUntil(Instant.parse("2026-12-05T10:00:00Z"));

    incident.acknowledge(new Acknowledgement("bob"));
    sleepUntil(Instant.parse("2026-12-08T12:00:00Z"));

    assertThat(pager.pages).isEmpty();
    assertThat(timeline(incident, "acknowledged")).hasSize(1);
  }

  @Test
  void aDeferredIncidentRaisedToASeverityThatPagesAtAnyHourPagesAtOnceAndOnlyOnce() {
    IncidentWorkflow incident = declareAt(SATURDAY_0300, Severity.P3, null);
    sleepUntil(Instant.parse("2026-12-05T04:00:00Z"));

    incident.changeSeverity(new SeverityChange("bob", Severity.P1, "all checkouts fail"));
    sleepUntil(Instant.parse("2026-12-05T04:01:00Z"));

    assertThat(pager.pages)
        .extracting(PageRequest::key, PageRequest::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("INC-P3/page-r1-l1", "severity raised to P1"));
  }
}
