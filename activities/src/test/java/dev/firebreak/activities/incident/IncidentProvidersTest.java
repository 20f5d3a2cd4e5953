package dev.firebreak.activities.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakePagerDuty;
import dev.firebreak.activities.fakes.FakeSentry;
import dev.firebreak.activities.fakes.FakeStatuspageApi;
import dev.firebreak.activities.fakes.FakeTwilio;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.paging.PagingProviders;
import dev.firebreak.activities.paging.PagingRouter;
import dev.firebreak.activities.sentry.SentryClient;
import dev.firebreak.activities.sentry.SentryErrorCounts;
import dev.firebreak.activities.statuspage.StatuspageActivitiesImpl;
import dev.firebreak.activities.statuspage.StatuspageClient;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.Acknowledgement;
import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.Mitigation;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.Resolution;
import dev.firebreak.workflows.incident.ResponderUpdate;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.TimelineEntry;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The incident workflow (time-skipping) against the real provider clients and their fakes. */
class IncidentProvidersTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final HttpTransport TRANSPORT = HttpTransport.withCallDeadlinesOnly();

  private final PagingProviders paging = new PagingProviders();
  private final FakePagerDuty pagerDuty = paging.pagerDuty;
  private final FakeTwilio twilio = paging.twilio;
  private final FakeStatuspageApi statuspage =
      new FakeStatuspageApi("sp-key", "page1").component("cmp-backend");
  private final FakeSentry sentry = new FakeSentry("sntrys", "recoup").errors("4501", 40, 2);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RecordingNotices(),
        new RecordingChat(),
        new ScriptedDiagnostics(),
        new PagingRouter(paging.routes()),
        new StatuspageActivitiesImpl(
            new StatuspageClient(TRANSPORT, statuspage.baseUrl(), "sp-key", "page1", TIMEOUT)),
        new SentryErrorCounts(
            new SentryClient(TRANSPORT, sentry.baseUrl(), "sntrys", "recoup", TIMEOUT)));
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
    paging.close();
    statuspage.close();
    sentry.close();
  }

  private IncidentWorkflow declare(String id, Severity severity) {
    IncidentWorkflow incident =
        client.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId(id))
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(
        incident::run,
        IncidentInput.declared(
            IncidentPolicies.declaration(id, severity), IncidentPolicies.recoupWithProviders()));
    return incident;
  }

  @Test
  void escalationLevelPagesItsSmsAndPagerDutyTargetsAndPagerDutyKeepsOneAlert() {
    IncidentWorkflow incident = declare("INC-21", Severity.P2);
    env.sleep(Duration.ofMinutes(31));

    assertThat(pagerDuty.alerts())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.dedupKey()).isEqualTo("INC-21");
              assertThat(alert.triggers()).isEqualTo(2);
              assertThat(alert.severity()).isEqualTo("error");
            });
    assertThat(twilio.messages())
        .singleElement()
        .satisfies(
            sms -> {
              assertThat(sms.to()).isEqualTo("+15550101");
              assertThat(sms.body()).contains("INC-21", "no acknowledgement in 30m");
            });
    assertThat(incident.state().timeline())
        .filteredOn(e -> e.kind().equals("page-delivery"))
        .extracting(TimelineEntry::text)
        .anyMatch(text -> text.contains("SMS to +15550101 queued"));
    assertThat(statuspage.incidents()).as("P2 is not public").isEmpty();
  }

  @Test
  void acknowledgeAndResolveAreMirroredToPagerDuty() {
    IncidentWorkflow incident = declare("INC-22", Severity.P2);
    env.sleep(Duration.ofMinutes(1));
    incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofMinutes(1));
    assertThat(pagerDuty.alerts())
        .singleElement()
        .satisfies(a -> assertThat(a.status()).isEqualTo("acknowledged"));

    incident.resolve(new Resolution("bob", "rolled back", null));
    env.sleep(Duration.ofMinutes(1));

    assertThat(pagerDuty.alerts())
        .singleElement()
        .satisfies(a -> assertThat(a.status()).isEqualTo("resolved"));
  }

  @Test
  void publicP1IsOpenedOnTheStatusPageAndFollowedThroughResolve() {
    IncidentWorkflow incident = declare("INC-23", Severity.P1);
    env.sleep(Duration.ofMinutes(1));
    assertThat(statuspage.incidents())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.status()).isEqualTo("investigating");
              assertThat(i.impact()).isEqualTo("major");
            });
    assertThat(statuspage.componentStatus("cmp-backend")).isEqualTo("partial_outage");

    incident.acknowledge(new Acknowledgement("bob"));
    env.sleep(Duration.ofMinutes(1));
    incident.recordMitigation(new Mitigation("bob", "Rolled back", null));
    incident.postUpdate(
        new ResponderUpdate("bob", "Checkout recovering after the rollback", "10 min", null));
    env.sleep(Duration.ofMinutes(1));
    incident.resolve(new Resolution("bob", "rolled back", null));
    env.sleep(Duration.ofMinutes(16));

    assertThat(incident.state().status()).isEqualTo(IncidentStatus.POST_MORTEM);
    assertThat(statuspage.incidents())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.status()).isEqualTo("resolved");
              assertThat(i.updates())
                  .extracting(u -> u.substring(0, u.indexOf(':')))
                  .containsExactly(
                      "investigating", "identified", "identified", "monitoring", "resolved");
              assertThat(i.updates())
                  .contains("identified: Checkout recovering after the rollback");
            });
    assertThat(statuspage.componentStatus("cmp-backend")).isEqualTo("operational");
    assertThat(incident.state().timeline())
        .extracting(TimelineEntry::text)
        .contains("Errors of recoup-backend (Sentry project 4501): 42 in the last 15m");
  }
}
