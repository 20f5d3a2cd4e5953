package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.starter.oncall.OnCallLookup;
import dev.firebreak.starter.oncall.OnCallSchedules;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.diagnostics.Deployment;
import dev.firebreak.workflows.incident.Acknowledgement;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.Mitigation;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.RecordingStatusPage;
import dev.firebreak.workflows.incident.Resolution;
import dev.firebreak.workflows.incident.ResponderUpdate;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.ScriptedErrorCounts;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.Suggestion;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import dev.firebreak.workflows.oncall.OnCallPaging;
import dev.firebreak.workflows.oncall.ScheduleSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One scenario from each runbook, played by the real incident workflow on the time-skipping test
 * server with the example config's own numbers: the example must check clean, and its response
 * times must produce what the runbook asks for.
 */
class RunbookScenariosTest {

  private final RecordingChat chat = new RecordingChat();
  private final RecordingPager pager = new RecordingPager();
  private final RecordingStatusPage statusPage = new RecordingStatusPage();
  private final ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
  private TestWorkflowEnvironment env;

  /**
   * Tuesday 8 December 2026, 10:00 UTC: a working day of the week Recoup's primary schedule gives
   * the primary engineer (and the secondary one the backup engineer), and Talk-to-My-Lawyer's its
   * on-call engineer.
   */
  private static final Instant START = Instant.parse("2026-12-08T10:00:00Z");

  @BeforeEach
  void startEnvironment() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(START).build());
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
    // Recoup's and Talk-to-My-Lawyer's levels page their on-call schedules: answered from the
    // config, as before a schedule's workflow holds any override.
    List<ScheduleSpec> schedules = new ArrayList<>();
    for (String example : List.of("recoup.yaml", "talk-to-my-lawyer.yaml")) {
      FirebreakConfig config =
          new ConfigLoader().check(ConfigLoaderTest.EXAMPLES.resolve(example)).config();
      schedules.addAll(OnCallSpecs.schedules(config.oncall()));
    }
    worker.registerActivitiesImplementations(
        new RecordingNotices(),
        chat,
        pager,
        diagnostics,
        statusPage,
        new ScriptedErrorCounts(),
        new OnCallPaging(
            new OnCallLookup(
                new OnCallSchedules(env.getWorkflowClient(), TaskQueue.NAME, schedules)),
            pager));
    env.start();
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  /**
   * Recoup, "P2 - High: Stripe webhooks failing", nobody answers the primary for the runbook's 30
   * minutes.
   */
  @Test
  void
      recoupStripeWebhooksFailingEscalatesToTheSecondaryAfterThirtyMinutesAndClosesAfterFifteenQuietOnes() {
    IncidentWorkflow incident =
        declare(
            "recoup.yaml",
            "INC-RECOUP-1",
            "Stripe webhooks failing",
            Severity.P2,
            "recoup-backend");

    env.sleep(Duration.ofMinutes(29));
    assertThat(pager.escalations()).containsExactly("r1-l1");
    env.sleep(Duration.ofMinutes(2));
    assertThat(pager.escalations()).containsExactly("r1-l1", "r1-l2");
    assertThat(pager.pages.get(0).targets())
        .containsExactly("slack:U0RECOUPPRIMARY", "pagerduty:recoup-primary");
    assertThat(pager.pages.get(1).targets()).containsExactly("slack:U0RECOUPSECONDARY");

    incident.acknowledge(new Acknowledgement("secondary"));
    incident.postUpdate(
        new ResponderUpdate(
            "secondary",
            "Webhook signatures fail: STRIPE_WEBHOOK_SECRET rotated in Stripe only",
            "30 min",
            "updating the secret on Render, then retrying failed webhooks"));
    env.sleep(Duration.ofMinutes(10));
    incident.resolve(
        new Resolution(
            "secondary", "Webhooks delivered again", "Secret rotated without updating Render"));
    env.sleep(Duration.ofMinutes(14));
    assertThat(incident.state().status()).isEqualTo(IncidentStatus.MONITORING);
    env.sleep(Duration.ofMinutes(2));

    assertThat(chat.texts())
        .anyMatch(
            t ->
                t.contains(
                    "Errors of recoup-backend (Sentry project 4508000000000001): 42 in the last 15m"));
    assertThat(chat.texts())
        .anyMatch(t -> t.contains("📊 UPDATE from secondary: Webhook signatures fail"));
    assertThat(statusPage.posts.get(0)).startsWith("investigating (minor, ");
    assertThat(incident.state().status()).isEqualTo(IncidentStatus.POST_MORTEM);
    assertThat(incident.postMortem())
        .contains("**Severity**: P2")
        .contains("**Time to acknowledge**: 31m")
        .contains("## Root Cause\nSecret rotated without updating Render");
  }

  /**
   * Talk-to-My-Lawyer, Level 1 "Payment processing down" right after a deploy: page, tell
   * customers, roll back.
   */
  @Test
  void
      talkToMyLawyerPaymentsDownPagesOnCallPublishesACriticalIncidentAndRemindsAfterThirtyMinutesWithoutAnUpdate() {
    deployedRecently("dpl_new", Duration.ofMinutes(20), "dpl_old");
    IncidentWorkflow incident =
        declare(
            "talk-to-my-lawyer.yaml",
            "INC-TTML-1",
            "Payment processing down",
            Severity.P1,
            "talk-to-my-lawyer");

    env.sleep(Duration.ofMinutes(1));
    assertThat(pager.pages.get(0).targets()).containsExactly("slack:U0TTMLONCALL");
    assertThat(statusPage.posts.get(0)).startsWith("investigating (critical, ");
    env.sleep(Duration.ofMinutes(15));
    assertThat(pager.pages.get(1).targets())
        .containsExactly("email:ops-team@talk-to-my-lawyer.com", "slack:U0TTMLBACKUP");

    incident.acknowledge(new Acknowledgement("oncall"));
    env.sleep(Duration.ofSeconds(10));
    assertThat(incident.state().suggestions())
        .filteredOn(s -> s.kind().equals("rollback"))
        .extracting(Suggestion::target)
        .containsExactly("dpl_old");
    incident.recordMitigation(
        new Mitigation("oncall", "Promoted dpl_old to production", "vercel rollback"));
    incident.postUpdate(
        new ResponderUpdate(
            "oncall", "Checkout fails after today's deploy; rolled back", "15 min", null));
    env.sleep(Duration.ofMinutes(31));
    assertThat(chat.texts()).anyMatch(t -> t.startsWith("⏰ oncall: no update on INC-TTML-1"));

    incident.resolve(
        new Resolution("oncall", "Payments succeed again", "A deploy broke the checkout"));
    env.sleep(Duration.ofMinutes(31));

    assertThat(statusPage.posts).last().asString().startsWith("resolved");
    assertThat(incident.state().status()).isEqualTo(IncidentStatus.POST_MORTEM);
    assertThat(incident.postMortem())
        .contains("**Severity**: P1")
        .contains("Promoted dpl_old to production");
  }

  /**
   * Ascendos, "Scenario 1: High Error Rate in Sentry" after a deploy: "If code bug: Rollback to
   * previous deployment".
   */
  @Test
  void
      ascendosHighSentryErrorRateCountsTheProjectsErrorsSuggestsRollingBackAndStaysOffAnyStatusPage() {
    deployedRecently("dpl_bad", Duration.ofMinutes(40), "dpl_good");
    IncidentWorkflow incident =
        declare("ascendos.yaml", "INC-ASC-1", "Error rate above 5 %", Severity.P1, "ascendos");

    env.sleep(Duration.ofMinutes(16));
    assertThat(pager.escalations()).containsExactly("r1-l1", "r1-l2");
    incident.acknowledge(new Acknowledgement("secondary"));
    env.sleep(Duration.ofSeconds(10));

    assertThat(chat.texts())
        .anyMatch(
            t ->
                t.startsWith("🔎 *Assessment")
                    && t.contains(
                        "Errors of ascendos (Sentry project 4508000000000002): 42 in the last 15m")
                    && t.contains("Roll back ascendos"));
    incident.recordMitigation(new Mitigation("secondary", "Rolled back to dpl_good", null));
    incident.resolve(
        new Resolution("secondary", "Error rate back under 1 %", "A code bug in dpl_bad"));
    env.sleep(Duration.ofMinutes(16));

    assertThat(statusPage.posts).isEmpty();
    assertThat(incident.state().status()).isEqualTo(IncidentStatus.POST_MORTEM);
  }

  private IncidentWorkflow declare(
      String example, String id, String title, Severity severity, String service) {
    ConfigCheck check = new ConfigLoader().check(ConfigLoaderTest.EXAMPLES.resolve(example));
    assertThat(check.problems()).isEmpty();
    IncidentWorkflow incident =
        env.getWorkflowClient()
            .newWorkflowStub(
                IncidentWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(IncidentWorkflow.workflowId(id))
                    .setTaskQueue(TaskQueue.NAME)
                    .build());
    Declaration declaration =
        new Declaration(id, title, severity, service, null, null, "alice", (Instant) null);
    WorkflowClient.start(
        incident::run,
        IncidentInput.declared(
            declaration,
            new IncidentPolicyFactory(check.config(), false, Clock.fixed(START, ZoneOffset.UTC))
                .forService(service)));
    return incident;
  }

  /** The service's platform shows a deploy {@code ago} and the good one a day before it. */
  private void deployedRecently(String latest, Duration ago, String previous) {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    diagnostics.deployments =
        List.of(
            new Deployment(latest, now.minus(ago), "READY", "0badc0de", null),
            new Deployment(previous, now.minus(Duration.ofDays(1)), "READY", "900dc0de", null));
  }
}
